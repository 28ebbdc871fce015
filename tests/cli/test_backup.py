"""Backup → wipe → restore gives back every row and every file (SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import uuid
import zipfile

import pytest
from django.conf import settings
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, models

from protokol.core.backup import dumped_models

PDF = b"%PDF-1.4\n% report file\n"


def _database() -> dict[str, list]:
    """Every dumped row, serialised the way the backup does, keyed by model."""
    state = {}
    for model in dumped_models():
        rows = serializers.serialize(
            "python", model._base_manager.order_by("pk"), use_natural_foreign_keys=True
        )
        state[model._meta.label_lower] = json.loads(json.dumps(rows, default=str))
    return state


def _files() -> dict[str, str]:
    digests = {}
    for model in dumped_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        for field in fields:
            for name in model._base_manager.exclude(**{field: ""}).values_list(field, flat=True):
                with default_storage.open(name, "rb") as stored:
                    digests[name] = hashlib.sha256(stored.read()).hexdigest()
    return digests


def _wipe() -> None:
    if connection.vendor == "postgresql":
        # TRUNCATE refuses tables with pending deferred-constraint checks in this transaction.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def working_system(ready_draft, ministry_admin, operator_a):
    """A published protocol, a report with a file, a token: rows and files of every kind."""
    from protokol.api.tokens import issue_token
    from protokol.assignments import reporting
    from protokol.assignments.models import Assignment
    from protokol.publication.publishing import publish
    from protokol.publication.sample import SAMPLE_ACCEPTANCE

    publish(ready_draft, ministry_admin, SAMPLE_ACCEPTANCE)
    assignment = Assignment.objects.filter(region_id="31", instruction__kind="mandatory").first()
    reporting.submit_report(
        assignment,
        operator_a,
        text="Исполнено",
        files=[SimpleUploadedFile("приказ.pdf", PDF, "application/pdf")],
    )
    issue_token(operator_a, "региональная система")


def test_backup_wipe_restore_round_trip_with_files(run, working_system, tmp_path):
    from protokol.accounts.models import User
    from protokol.assignments.models import Assignment, ReportFile
    from protokol.core.models import Event

    before_rows, before_files = _database(), _files()
    assert ReportFile.objects.exists() and len(before_files) > 2
    archive = tmp_path / "copy.zip"

    out, _ = run("backup", "--output", str(archive), "--no-progress")
    assert "Резервная копия" in out
    with zipfile.ZipFile(archive) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
        assert manifest["format"] == "protokol.backup/1"
        assert {entry["name"] for entry in manifest["files"]} == set(before_files)
        assert manifest["counts"]["assignments.assignment"] == Assignment.objects.count()

    _wipe()
    assert not User.objects.exists() and not Assignment.objects.exists()
    assert not any(default_storage.exists(name) for name in before_files)

    out, _ = run("restore", str(archive), "--no-progress")
    assert "Восстановлено" in out
    # Every field of every row, datetimes to the microsecond.
    assert _database() == before_rows
    assert _files() == before_files
    # Sequences moved past the restored keys: new rows get new ids.
    event = Event.objects.create(verb="test", object_type="x", object_id="1", summary="после")
    assert event.pk > max(row["pk"] for row in before_rows["core.event"])
    # People sign in with their old passwords; tokens still work.
    assert User.objects.get(username="belgorod").check_password("пароль-для-тестов")


def test_restore_refuses_a_database_that_is_not_empty(run, working_system, tmp_path):
    archive = tmp_path / "copy.zip"
    run("backup", "--output", str(archive), "--no-progress")
    with pytest.raises(CommandError, match="База данных не пуста"):
        run("restore", str(archive), "--no-progress")


def test_restore_refuses_a_damaged_archive(run, ministry_admin, tmp_path):
    default_storage.save("sources/документ.txt", SimpleUploadedFile("x", b"text"))
    from protokol.protocols.models import SourceDocument

    SourceDocument.objects.create(
        sha256="0" * 64, file="sources/документ.txt", filename="документ.txt", size=4, format="txt"
    )
    archive = tmp_path / "copy.zip"
    run("backup", "--output", str(archive), "--no-progress")
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("media/"):
                data = b"tampered"
            target.writestr(item, data)
    _wipe()
    with pytest.raises(CommandError, match="повреждён"):
        run("restore", str(damaged), "--no-progress")


def test_restore_refuses_what_is_not_a_backup(run, db, tmp_path):
    not_zip = tmp_path / "copy.zip"
    not_zip.write_bytes(b"not a zip")
    with pytest.raises(CommandError, match="не zip-архив"):
        run("restore", str(not_zip), "--no-progress")
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(CommandError, match=r"manifest\.json"):
        run("restore", str(other), "--no-progress")
    with pytest.raises(CommandError, match="не найден"):
        run("restore", str(tmp_path / "нет.zip"), "--no-progress")


def test_restore_refuses_a_backup_of_a_newer_schema(run, ministry_admin, tmp_path):
    archive = tmp_path / "copy.zip"
    run("backup", "--output", str(archive), "--no-progress")
    newer = tmp_path / "newer.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(newer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["migrations"].append(["assignments", "9999_future"])
                data = json.dumps(manifest).encode()
            target.writestr(item, data)
    _wipe()
    with pytest.raises(CommandError, match="9999_future"):
        run("restore", str(newer), "--no-progress")


def test_backup_into_a_directory_names_the_file_by_date(run, ministry_admin, tmp_path):
    out, _ = run("backup", "--output", str(tmp_path), "--no-progress")
    [created] = tmp_path.glob("protokol-*.zip")
    assert str(created) in out
    assert not list(tmp_path.glob("*.partial"))


def _postgres_server() -> str | None:
    """A PostgreSQL server to restore into, when one answers (as `make test` looks for)."""
    import psycopg

    url = os.environ.get("PROTOKOL_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error:
        return None
    return url


def test_a_sqlite_backup_restores_into_postgresql(run, working_system, tmp_path):
    """The archive is engine-neutral: made here on SQLite, restored by the real console
    script into a fresh PostgreSQL database, backed up there again — same rows, same files."""
    import psycopg

    if connection.vendor != "sqlite":
        pytest.skip("the SQLite pass makes the backup; the PostgreSQL pass runs the round trip")
    server = _postgres_server()
    if server is None:
        pytest.skip("PostgreSQL не отвечает")
    archive, again = tmp_path / "sqlite.zip", tmp_path / "postgresql.zip"
    run("backup", "--output", str(archive), "--no-progress")
    name = f"protokol_restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        env = {
            **os.environ,
            "DATABASE_URL": server.rsplit("/", 1)[0] + f"/{name}",
            "PROTOKOL_DATA_DIR": str(tmp_path / "pg"),
        }
        for args in (
            ["migrate", "-v0"],
            ["restore", str(archive), "--no-progress"],
            ["backup", "-o", str(again), "--no-progress"],
        ):
            done = subprocess.run(
                [sys.executable, "-m", "protokol.cli", *args],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            assert done.returncode == 0, done.stderr
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    with zipfile.ZipFile(archive) as first, zipfile.ZipFile(again) as second:
        made, remade = (json.loads(z.read("manifest.json")) for z in (first, second))
        assert (made["database"], remade["database"]) == ("sqlite", "postgresql")
        assert remade["counts"] == made["counts"]
        assert remade["files"] == made["files"]
        # Compared as objects: PostgreSQL's jsonb keeps keys in its own order.
        rows = [
            sorted(
                (json.loads(line) for line in z.read("data.jsonl").decode().splitlines()),
                key=lambda row: (row["model"], row["pk"]),
            )
            for z in (first, second)
        ]
        assert rows[0] == rows[1]
