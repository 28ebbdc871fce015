from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from protokol.accounts.management.acting_user import acting_user
from protokol.protocols.models import Protocol

FORMATS = ("xlsx", "docx", "csv")


class Command(BaseCommand):
    help = (
        "Выгружает сводку исполнения протокола: xlsx (таблица), docx (справка), csv. Видимость "
        "— как у пользователя --user. / Exports a protocol's execution summary."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("protocol", help="идентификатор или номер протокола")
        parser.add_argument("--format", required=True, help="xlsx, docx или csv")
        parser.add_argument(
            "--output", "-o", help="файл (по умолчанию protocol-<id>.<формат>; «-» — в stdout)"
        )
        parser.add_argument(
            "--user", help="от чьего имени (права и видимость); по умолчанию — администратор"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        file_format = options["format"].lower()
        if file_format not in FORMATS:
            raise CommandError(
                f"Неизвестный формат «{options['format']}». Допустимы: {', '.join(FORMATS)}."
            )
        user = acting_user(options["user"], administrator=False)
        protocol = _protocol(options["protocol"], user)
        data = _render(file_format, protocol, user)
        output = options["output"] or f"protocol-{protocol.pk}.{file_format}"
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        Path(output).write_bytes(data)
        self.stdout.write(f"{protocol}: выгрузка {file_format} записана в {output}.")


def _protocol(value: str, user: Any) -> Protocol:
    # The same scope as the UI: a regional operator exports only what reached their region.
    protocols = Protocol.objects.visible_to(user)
    found = protocols.filter(pk=int(value)).first() if value.isdigit() else None
    found = found or protocols.filter(number=value).order_by("-date").first()
    if found is None:
        raise CommandError(f"Протокол «{value}» не найден или недоступен пользователю.")
    return found


def _render(file_format: str, protocol: Protocol, user: Any) -> bytes:
    if file_format == "xlsx":
        from protokol.exports.xlsx import protocol_summary_xlsx

        return protocol_summary_xlsx(protocol, user)
    if file_format == "docx":
        from protokol.exports.spravka import execution_report_docx

        return execution_report_docx(protocol, user)
    from protokol.exports.csv import protocol_csv

    return protocol_csv(protocol, user).encode("utf-8")  # the text starts with its BOM
