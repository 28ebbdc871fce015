"""The ``protokol`` console script: ``parse`` without Django, the rest via management commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).parent / "samples" / "sample_protocol.txt"


def _protokol(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "protokol.cli", *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )


def test_parse_prints_the_json_contract_without_loading_django():
    probe = (
        "import sys, runpy; sys.argv = ['protokol', 'parse', sys.argv[1], '--no-text'];"
        "from protokol.cli import main; code = main(sys.argv[1:]);"
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django loaded';"
        "sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(SAMPLE)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "does.not.exist"},
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "protokol.parse/1"
    assert [d["kind"] for d in data["documents"]] == ["letter", "protocol"]
    assert "text" not in data


def test_parse_text_format_is_a_russian_summary():
    result = _protokol("parse", str(SAMPLE), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "Д05-98/05пр" in result.stdout
    assert "Предупреждения" in result.stdout


def test_parse_reports_a_missing_file_in_one_russian_line(tmp_path):
    result = _protokol("parse", str(tmp_path / "нет-такого.docx"))
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Ошибка:")


def test_parse_reports_an_unsupported_format(tmp_path):
    picture = tmp_path / "скан.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    result = _protokol("parse", str(picture))
    assert result.returncode == 1
    assert "не поддерживается" in result.stderr


def test_other_subcommands_are_django_management_commands(tmp_path):
    result = _protokol("check", PROTOKOL_DATA_DIR=str(tmp_path), DATABASE_URL="")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
