from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from protokol.core.backup import BackupError, create_backup, default_backup_name
from protokol.core.management.progress import progress_bars
from protokol.extraction.russian import plural_ru


class Command(BaseCommand):
    help = (
        "Резервная копия базы данных и загруженных файлов в один zip-архив (с контрольными "
        "суммами); восстанавливается командой restore на SQLite или PostgreSQL. / "
        "Backs up the database and the uploaded files into one verifiable zip."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--output",
            "-o",
            type=Path,
            help="файл архива или каталог (по умолчанию protokol-ГГГГММДД-ЧЧММСС.zip в текущем)",
        )
        parser.add_argument("--no-progress", action="store_true", help="без индикатора выполнения")

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path | None = options["output"]
        if output is None:
            output = Path.cwd() / default_backup_name()
        elif output.is_dir():
            output = output / default_backup_name()
        try:
            with progress_bars(enabled=not options["no_progress"]) as bars:
                summary = create_backup(output, bars)
        except (BackupError, OSError) as error:
            raise CommandError(f"Резервная копия не создана: {error}") from error
        self.stdout.write(
            f"Резервная копия: {summary.path} — {summary.rows} "
            f"{plural_ru(summary.rows, 'запись', 'записи', 'записей')}, {summary.files} "
            f"{plural_ru(summary.files, 'файл', 'файла', 'файлов')}."
        )
        for name in summary.missing_files:
            self.stderr.write(f"Предупреждение: файл «{name}» упомянут в базе, но отсутствует.")
