from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from protokol.accounts.management.acting_user import acting_user
from protokol.core.management.progress import progress_bars
from protokol.protocols.importing import Upload, UploadRejected, run_import, start_import
from protokol.protocols.models import ImportJob
from protokol.protocols.review import Acceptances, PublicationRefused
from protokol.publication.management.refusal import refusal_text
from protokol.publication.publishing import publish


class Command(BaseCommand):
    help = (
        "Импортирует протокол из файлов (txt, docx, pdf, odt, rtf, html; несколько файлов — "
        "письмо и протокол — образуют один протокол) и при --publish публикует его. / Imports "
        "a protocol from files and optionally publishes it."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("files", nargs="+", type=Path, help="файлы одного протокола")
        parser.add_argument("--publish", action="store_true", help="сразу опубликовать")
        parser.add_argument(
            "--user",
            help="администратор, от имени которого выполняется импорт (по умолчанию — первый)",
        )
        parser.add_argument(
            "--accept",
            metavar="ПОЯСНЕНИЕ",
            default="",
            help="при --publish: принять с этим пояснением замечания, которые можно принять",
        )
        parser.add_argument("--no-progress", action="store_true", help="без индикатора выполнения")

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options["user"])
        uploads = []
        with progress_bars(enabled=not options["no_progress"]) as bars:
            bars.start("Чтение файлов", len(options["files"]))
            for path in options["files"]:
                if not path.is_file():
                    raise CommandError(f"Файл «{path}» не найден.")
                uploads.append(Upload(path.name, path.read_bytes()))
                bars.advance()
            bars.start("Извлечение поручений", 1)
            try:
                job = start_import(uploads, user)
            except UploadRejected as error:
                raise CommandError(str(error)) from error
            # Run here and now rather than wait for a worker; a second delivery of the
            # queued task finds the job claimed and does nothing.
            job = run_import(job.pk)
            bars.advance()
        protocol = job.protocol
        if job.state != ImportJob.State.DONE or protocol is None:
            raise CommandError(f"Импорт не удался: {job.error}")
        warnings = protocol.warnings.filter(status="open").count()
        self.stdout.write(
            f"Импортирован {protocol} (id {protocol.pk}): поручений — "
            f"{protocol.instructions.count()}, предупреждений — {warnings}."
        )
        if options["publish"]:
            try:
                publication = publish(protocol, user, Acceptances(every=options["accept"]))
            except PublicationRefused as error:
                raise CommandError(
                    f"Протокол импортирован (id {protocol.pk}), но не опубликован:\n  "
                    f"{refusal_text(error)}"
                ) from error
            self.stdout.write(
                f"Опубликован (версия {publication.version.number}): направлено регионам — "
                f"{len(publication.issued.created)}."
            )
