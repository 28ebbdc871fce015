"""The ``protokol`` console script.

``protokol parse FILE`` runs the pure extraction library and never loads Django, so it
works with no settings or database. Every other subcommand is a Django management
command (``protokol migrate``, ``protokol runserver``, ``protokol setup_demo`` …).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Sequence

SETTINGS_MODULE = "protokol.project.settings"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "parse":
        return parse_command(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["protokol", *args])
    return 0


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
