"""The ``protokol`` console script.

``protokol parse FILE`` runs the pure extraction library and never loads Django, so it
works with no settings or database. Every other subcommand is a Django management
command (``protokol migrate``, ``protokol import``, ``protokol backup`` …);
``protokol --help`` lists them in Russian and English.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence

SETTINGS_MODULE = "protokol.project.settings"


# The subcommands people use, with a Russian and an English line each; `protokol --help`
# lists them first, then every other management command Django knows.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "parse": (
        "извлечь поручения из файла протокола (без Django и базы данных)",
        "extract instructions from a protocol file (no Django, no database)",
    ),
    "import": ("импортировать протокол из файлов [--publish]", "import a protocol [--publish]"),
    "publish": ("опубликовать проверенный протокол", "publish a reviewed protocol"),
    "export": (
        "выгрузить сводку исполнения: --format xlsx|docx|csv",
        "export an execution summary: --format xlsx|docx|csv",
    ),
    "remind": ("разослать напоминания о сроках [--dry-run]", "send deadline reminders [--dry-run]"),
    "worker": ("исполнитель фоновых задач", "background task worker"),
    "backup": ("резервная копия базы и файлов в zip", "back up the database and files to a zip"),
    "restore": ("восстановить из резервной копии", "restore from a backup"),
    "check": (
        "проверить настройки (--deploy — готовность к эксплуатации)",
        "check the configuration (--deploy: production readiness)",
    ),
    "createuser": (
        "создать пользователя: --role … [--region …]",
        "create a user: --role … [--region …]",
    ),
    "migrate": ("создать или обновить таблицы базы данных", "create or update database tables"),
    "setup_demo": ("демонстрационные пользователи и образец", "demo users and the sample protocol"),
    "runserver": ("сервер для разработки", "development web server"),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "parse":
        return parse_command(args[1:])
    if not args or args[0] in {"-h", "--help"}:
        sys.stdout.write(usage())
        return 0
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["protokol", *args])
    return 0


def usage() -> str:
    """Bilingual help listing every subcommand; the Django part is best effort."""
    lines = [
        "Протокол — контроль исполнения поручений по протоколам совещаний.",
        "Protokol — execution control of meeting protocols' instructions.",
        "",
        "Использование / usage: protokol <подкоманда / subcommand> [параметры / options]",
        "Справка по подкоманде / help on a subcommand: protokol <подкоманда> --help",
        "",
        "Основные подкоманды / main subcommands:",
    ]
    width = max(map(len, SUBCOMMANDS))
    for name, (russian, english) in SUBCOMMANDS.items():
        lines.append(f"  {name:<{width}}  {russian}")
        lines.append(f"  {'':<{width}}  {english}")
    others = sorted(set(_django_commands()) - set(SUBCOMMANDS))
    if others:
        lines += ["", "Другие команды Django / other Django commands:"]
        lines += _columns(others, width=96)
    return "\n".join(lines) + "\n"


def _django_commands() -> list[str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    try:
        import django
        from django.core.management import get_commands

        django.setup()
        return list(get_commands())
    except Exception:  # a broken configuration must not hide the help text
        return []


def _columns(names: list[str], width: int) -> list[str]:
    lines, line = [], " "
    for name in names:
        if len(line) + len(name) + 2 > width:
            lines.append(line)
            line = " "
        line += f" {name}"
    return [*lines, line]


def _parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="protokol parse",
        description=(
            "Извлекает поручения из протокола, перечня поручений или письма (txt, docx, pdf, "
            "odt, rtf, html). Extracts instructions from a protocol file; runs without Django."
        ),
    )
    parser.add_argument("file", help="путь к файлу документа / path to the document")
    parser.add_argument(
        "--format",
        choices=["json", "text"],
        default="json",
        help="json — формат protokol.parse/1 (по умолчанию); text — сводка для чтения",
    )
    parser.add_argument(
        "--reference-date",
        type=dt.date.fromisoformat,
        help="«сегодня» для относительных сроков, если в документе нет даты (ГГГГ-ММ-ДД)",
    )
    parser.add_argument("--no-text", action="store_true", help="не включать текст документа в JSON")
    return parser.parse_args(argv)


def parse_command(argv: Sequence[str]) -> int:
    from protokol.extraction import ExtractionConfig, ExtractionError, parse_file
    from protokol.extraction.output import render_text, to_json

    options = _parse_arguments(argv)
    config = ExtractionConfig(reference_date=options.reference_date)
    try:
        result = parse_file(options.file, config=config)
    except ExtractionError as error:
        print(f"Ошибка: {error.message}", file=sys.stderr)
        return 1
    if options.format == "text":
        sys.stdout.write(render_text(result))
    else:
        sys.stdout.write(to_json(result, include_text=not options.no_text))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
