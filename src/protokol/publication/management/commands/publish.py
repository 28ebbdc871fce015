from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from protokol.accounts.management.acting_user import acting_user
from protokol.protocols.models import Protocol
from protokol.protocols.review import Acceptances, PublicationRefused
from protokol.publication.management.refusal import refusal_text
from protokol.publication.publishing import publish


class Command(BaseCommand):
    help = (
        "Публикует проверенный протокол (или его исправления): поручения направляются "
        "регионам. / Publishes a reviewed protocol (or its corrections)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("protocol_id", type=int, help="идентификатор протокола")
        parser.add_argument("--user", help="администратор (по умолчанию — первый)")
        parser.add_argument(
            "--accept",
            metavar="ПОЯСНЕНИЕ",
            default="",
            help="принять с этим пояснением замечания, которые можно принять (прошедшие и "
            "далёкие сроки, предупреждения распознавания, реквизиты письма); записывается "
            "в журнал",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["user"])
        protocol = Protocol.objects.filter(pk=options["protocol_id"]).first()
        if protocol is None:
            raise CommandError(f"Протокол с идентификатором {options['protocol_id']} не найден.")
        try:
            publication = publish(protocol, user, Acceptances(every=options["accept"]))
        except PublicationRefused as error:
            raise CommandError(f"{protocol} не опубликован:\n  {refusal_text(error)}") from error
        if publication.unchanged:
            self.stdout.write(f"{protocol}: изменений нет, версия {publication.version.number}.")
            return
        issued = publication.issued
        self.stdout.write(
            f"Опубликован {protocol} (версия {publication.version.number}): направлено "
            f"{len(issued.created)}, отменено {len(issued.cancelled)}, перенесено "
            f"{len(issued.rescheduled)}; уведомлений — {publication.notified}."
        )
