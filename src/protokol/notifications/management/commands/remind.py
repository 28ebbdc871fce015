"""`protokol remind [--dry-run]`: one round of the reminder planner, printing the notices."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from protokol.core.templatetags.russian import plural
from protokol.notifications.reminders import run_reminders


class Command(BaseCommand):
    help = "Напоминания о сроках и еженедельные сводки: один проход планировщика."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="только показать, что было бы отправлено, ничего не меняя",
        )

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        run = run_reminders(dry_run=dry_run)
        for notice in run.planned:
            self.stdout.write(f"[{notice.kind}] {notice.subject} → {', '.join(notice.recipients)}")
        forms = "уведомление,уведомления,уведомлений"
        if dry_run:
            count = sum(len(n.recipients) for n in run.planned)
            self.stdout.write(
                f"Было бы отправлено: {count} {plural(count, forms)} (пробный запуск, без изменений)."
            )
        else:
            self.stdout.write(f"Поставлено в очередь: {run.queued} {plural(run.queued, forms)}.")
