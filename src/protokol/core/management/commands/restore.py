from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from protokol.core.backup import BackupError, restore_backup
from protokol.core.management.progress import progress_bars
from protokol.extraction.russian import plural_ru


class Command(BaseCommand):
    help = (
        "Восстанавливает базу данных и файлы из архива команды backup в пустую базу после "
        "«protokol migrate» (SQLite или PostgreSQL). / Restores a backup made by `backup` "
        "into an empty migrated database."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("archive", type=Path, help="архив protokol-….zip")
        parser.add_argument(
            "--flush",
            action="store_true",
            help="сначала удалить ВСЕ данные базы (без вопросов); иначе база должна быть пустой",
        )
        parser.add_argument("--no-progress", action="store_true", help="без индикатора выполнения")

    def handle(self, *args: Any, **options: Any) -> None:
        archive: Path = options["archive"]
        if not archive.exists():
            raise CommandError(f"Файл «{archive}» не найден.")
        if options["flush"]:
            call_command("flush", interactive=False, verbosity=0)
        try:
            with progress_bars(enabled=not options["no_progress"]) as bars:
                manifest = restore_backup(archive, bars)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows, files = int(manifest["rows"]), len(manifest["files"])
        self.stdout.write(
            f"Восстановлено из {archive}: {rows} {plural_ru(rows, 'запись', 'записи', 'записей')}, "
            f"{files} {plural_ru(files, 'файл', 'файла', 'файлов')} "
            f"(копия от {manifest['created_at']}, база {manifest['database']})."
        )
