"""Settings read from the environment fail loudly and in Russian."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from protokol.project import env


def _import_settings(**variables: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **variables}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import protokol.project.settings as s; print(s.DATABASES['default']['ENGINE'])",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_env_bool_rejects_nonsense(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "может быть")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env.env_bool("SOME_FLAG", False)


def test_env_int_rejects_nonsense(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "десять")
    with pytest.raises(ImproperlyConfigured, match="целое число"):
        env.env_int("SOME_NUMBER", 1)


def test_empty_variables_count_as_unset(monkeypatch):
    monkeypatch.setenv("SOME_LIST", "")
    assert env.env_list("SOME_LIST", ["a"]) == ["a"]
    monkeypatch.setenv("SOME_LIST", "a.ru, b.ru")
    assert env.env_list("SOME_LIST", []) == ["a.ru", "b.ru"]


def test_production_requires_a_secret_key(tmp_path):
    result = _import_settings(
        PROTOKOL_ENV="production", SECRET_KEY="", PROTOKOL_DATA_DIR=str(tmp_path)
    )
    assert result.returncode != 0
    assert "SECRET_KEY обязательна" in result.stderr


def test_production_refuses_sqlite(tmp_path):
    result = _import_settings(
        PROTOKOL_ENV="production",
        SECRET_KEY="x" * 50,
        DATABASE_URL="",
        PROTOKOL_DATA_DIR=str(tmp_path),
    )
    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_the_embedded_default_is_sqlite_with_a_kept_secret_key(tmp_path):
    result = _import_settings(
        PROTOKOL_ENV="development", SECRET_KEY="", DATABASE_URL="", PROTOKOL_DATA_DIR=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout
    key = (tmp_path / "secret_key").read_text()
    assert len(key) > 40
    _import_settings(PROTOKOL_ENV="development", SECRET_KEY="", PROTOKOL_DATA_DIR=str(tmp_path))
    assert (tmp_path / "secret_key").read_text() == key


def test_postgresql_is_chosen_from_database_url(tmp_path):
    result = _import_settings(
        DATABASE_URL="postgresql://postgres@127.0.0.1:5432/test", PROTOKOL_DATA_DIR=str(tmp_path)
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_an_unknown_environment_name_is_refused(tmp_path):
    result = _import_settings(PROTOKOL_ENV="staging", PROTOKOL_DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "PROTOKOL_ENV" in result.stderr


def test_moscow_time_and_russian_dates(settings):
    assert settings.TIME_ZONE == "Europe/Moscow"
    assert settings.LANGUAGE_CODE == "ru"
    import datetime as dt

    from django.utils import formats, translation

    with translation.override("ru"):
        assert formats.date_format(dt.date(2024, 10, 23)) == "23 октября 2024 г."
