"""`protokol worker`: the task worker (django-tasks-db ``db_worker``) plus the periodic driver.

Same options as ``db_worker``. Before working it makes sure a round of the reminder
task is waiting, so reminders and digests run by themselves (see notifications.tasks).
"""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from protokol.notifications.tasks import ensure_periodic


class Command(DbWorkerCommand):
    help = "Исполнитель фоновых задач: импорт, рассылка уведомлений, напоминания о сроках."

    def handle(self, *args: Any, **options: Any) -> None:
        if ensure_periodic():
            self.stdout.write("Запланирован периодический запуск напоминаний.")
        super().handle(*args, **options)
