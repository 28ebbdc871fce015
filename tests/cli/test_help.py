"""`protokol --help` lists every subcommand in Russian and English."""

from __future__ import annotations

import pytest

from protokol.cli import SUBCOMMANDS


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_every_subcommand_in_russian_and_english(flag, protokol_process, tmp_path):
    result = protokol_process(flag, PROTOKOL_DATA_DIR=str(tmp_path), DATABASE_URL="")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Основные подкоманды / main subcommands" in out
    for name, (russian, english) in SUBCOMMANDS.items():
        assert f"  {name} " in out, name
        assert russian in out and english in out
    # Django's own commands are listed too, so the list is complete.
    assert "collectstatic" in out and "createsuperuser" in out


def test_help_without_a_working_configuration_still_lists_our_subcommands(protokol_process):
    result = protokol_process("--help", DJANGO_SETTINGS_MODULE="does.not.exist")
    assert result.returncode == 0
    assert "backup" in result.stdout and "parse" in result.stdout


@pytest.mark.parametrize(
    "command", ["import", "publish", "export", "backup", "restore", "createuser"]
)
def test_each_command_has_a_bilingual_help(command):
    from django.core.management import get_commands, load_command_class

    parser = load_command_class(get_commands()[command], command).create_parser("protokol", command)
    text = parser.format_help()
    assert " / " in parser.description  # «русский текст. / English text.»
    assert "--help" in text
