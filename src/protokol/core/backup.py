"""Backup and restore of the database and the uploaded files, together, in one zip.

Layout of ``protokol-YYYYMMDD-HHMMSS.zip``::

    manifest.json   format, when, from which database, applied migrations, row counts,
                    the SHA-256 of data.jsonl and of every file
    data.jsonl      one serialised row per line (Django's "python" serialisation, natural
                    keys for content types, permissions and users), streamed, so a five-year
                    database never has to fit in memory
    media/…         every file a FileField of a dumped row points to

The dump is read in one transaction (a snapshot: REPEATABLE READ on PostgreSQL, the
write lock on SQLite), and exactly the files that snapshot references are copied after
it; the application never deletes or rewrites a stored file (new versions get new
names), so the database and the files agree. The format is independent of
the database engine: a backup of SQLite restores into PostgreSQL and back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol

from django.apps import apps
from django.core import serializers
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "protokol.backup/1"
# Rebuilt by `migrate` in every database (and their ids differ between databases), or
# worthless after a restore: sessions would sign people in as someone else's id.
EXCLUDED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
CHUNK = 2000


class BackupError(Exception):
    """A backup that cannot be made or restored; the message is Russian, for the operator."""


class Progress(Protocol):
    def start(self, description: str, total: int) -> None: ...

    def advance(self, step: int = 1) -> None: ...


class _Silent:
    def start(self, description: str, total: int) -> None:
        pass

    def advance(self, step: int = 1) -> None:
        pass


@dataclass
class BackupSummary:
    path: Path
    rows: int = 0
    files: int = 0
    missing_files: list[str] = field(default_factory=list)


class _Encoder(DjangoJSONEncoder):
    """Django's encoder cuts datetimes to milliseconds (ECMA-262); a backup keeps them whole."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def dumped_models() -> list[type[models.Model]]:
    """Every concrete model, in an order where natural-key targets come first."""
    app_list: dict[Any, list[type[models.Model]] | None] = {}
    for app_config in apps.get_app_configs():
        chosen = [
            model
            for model in app_config.get_models()
            if not model._meta.proxy
            and model._meta.managed
            and model._meta.label_lower not in EXCLUDED
        ]
        if chosen:
            app_list[app_config] = chosen
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def _applied_migrations(connection: Any) -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _file_fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def _sha256_file(handle: IO[bytes]) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def create_backup(
    path: Path, progress: Progress | None = None, using: str = DEFAULT_DB_ALIAS
) -> BackupSummary:
    progress = progress or _Silent()
    connection = connections[using]
    summary = BackupSummary(path=path)
    serializer = serializers.get_serializer("python")
    files: set[str] = set()
    counts: dict[str, int] = {}
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with zipfile.ZipFile(
        partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True
    ) as archive:
        fresh = not connection.in_atomic_block
        with transaction.atomic(using=using):
            if fresh and connection.vendor == "postgresql":
                # One snapshot for every table: rows written meanwhile are not half-seen.
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            data_digest = hashlib.sha256()
            with archive.open("data.jsonl", "w", force_zip64=True) as data:
                for model in dumped_models():
                    label = model._meta.label_lower
                    queryset = model._base_manager.using(using).order_by(model._meta.pk.name)
                    total = queryset.count()
                    counts[label] = total
                    progress.start(f"База данных: {model._meta.verbose_name_plural}", total)
                    file_fields = _file_fields(model)
                    for chunk in _chunks(queryset.iterator(chunk_size=CHUNK), CHUNK):
                        for row in serializer().serialize(chunk, use_natural_foreign_keys=True):
                            line = (
                                json.dumps(row, cls=_Encoder, ensure_ascii=False) + "\n"
                            ).encode()
                            data.write(line)
                            data_digest.update(line)
                            for name in file_fields:
                                if row["fields"].get(name):
                                    files.add(row["fields"][name])
                        summary.rows += len(chunk)
                        progress.advance(len(chunk))
            applied = _applied_migrations(connection)
        listed = []
        progress.start("Файлы", len(files))
        for name in sorted(files):
            if not default_storage.exists(name):
                summary.missing_files.append(name)
                progress.advance()
                continue
            with default_storage.open(name, "rb") as source:
                digest = hashlib.sha256()
                size = 0
                with archive.open(f"media/{name}", "w", force_zip64=True) as target:
                    for chunk in iter(lambda: source.read(1024 * 1024), b""):
                        target.write(chunk)
                        digest.update(chunk)
                        size += len(chunk)
            listed.append({"name": name, "size": size, "sha256": digest.hexdigest()})
            summary.files += 1
            progress.advance()
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": applied,
            "counts": counts,
            "rows": summary.rows,
            "data_sha256": data_digest.hexdigest(),
            "files": listed,
            "missing_files": summary.missing_files,
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    partial.replace(path)
    return summary


def _chunks(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError(
            "В архиве нет описания manifest.json: это не резервная копия Протокола."
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"Неизвестный формат резервной копии «{manifest.get('format')}» (ожидается {FORMAT})."
        )
    return manifest


def verify(archive: zipfile.ZipFile, manifest: dict[str, Any], progress: Progress) -> None:
    """Every checksum of the manifest, before anything is written."""
    progress.start("Проверка контрольных сумм", len(manifest["files"]) + 1)
    with archive.open("data.jsonl") as data:
        digest, _ = _sha256_file(data)
    if digest != manifest["data_sha256"]:
        raise BackupError("Контрольная сумма данных не совпадает: архив повреждён.")
    progress.advance()
    for entry in manifest["files"]:
        try:
            with archive.open(f"media/{entry['name']}") as member:
                digest, size = _sha256_file(member)
        except KeyError as error:
            raise BackupError(f"В архиве нет файла «{entry['name']}»: архив повреждён.") from error
        if digest != entry["sha256"] or size != entry["size"]:
            raise BackupError(f"Файл «{entry['name']}» повреждён: контрольная сумма не совпадает.")
        progress.advance()


def database_is_empty(using: str = DEFAULT_DB_ALIAS) -> bool:
    """No people and no protocols: only what `migrate` itself creates."""
    user_model = apps.get_model("accounts", "User")
    protocol_model = apps.get_model("protocols", "Protocol")
    return not (
        user_model._base_manager.using(using).exists()
        or protocol_model._base_manager.using(using).exists()
    )


def restore_backup(
    path: Path, progress: Progress | None = None, using: str = DEFAULT_DB_ALIAS
) -> dict[str, Any]:
    """Load a backup into an empty, migrated database and put its files back."""
    progress = progress or _Silent()
    connection = connections[using]
    if not zipfile.is_zipfile(path):
        raise BackupError(f"«{path}» — не zip-архив резервной копии.")
    with zipfile.ZipFile(path) as archive:
        manifest = read_manifest(archive)
        verify(archive, manifest, progress)
        wanted = {tuple(m) for m in manifest["migrations"]}
        applied = {tuple(m) for m in _applied_migrations(connection)}
        if missing := sorted(wanted - applied):
            app, name = missing[0]
            raise BackupError(
                "База данных не доведена до версии резервной копии (нет миграции "
                f"{app}.{name}): выполните «protokol migrate» той версией Протокола, "
                "которой создана копия."
            )
        if not database_is_empty(using):
            raise BackupError(
                "База данных не пуста (есть пользователи или протоколы). Восстановление "
                "выполняется в пустую базу после «protokol migrate»; чтобы заменить данные, "
                "добавьте --flush."
            )
        loaded: set[type[models.Model]] = set()
        deferred: list[Any] = []
        with transaction.atomic(using=using):
            progress.start("База данных", int(manifest["rows"]))
            with connection.constraint_checks_disabled(), archive.open("data.jsonl") as data:
                for line in data:
                    for obj in serializers.deserialize(
                        "python",
                        [json.loads(line)],
                        using=using,
                        handle_forward_references=True,
                    ):
                        obj.save(using=using)
                        loaded.add(type(obj.object))
                        if obj.deferred_fields:
                            deferred.append(obj)
                    progress.advance()
                for obj in deferred:
                    obj.save_deferred_fields(using=using)
            connection.check_constraints(table_names=[m._meta.db_table for m in loaded])
            _reset_sequences(connection, loaded)
            progress.start("Файлы", len(manifest["files"]))
            for entry in manifest["files"]:
                name = entry["name"]
                if default_storage.exists(name):
                    default_storage.delete(name)
                with archive.open(f"media/{name}") as member:
                    saved = default_storage.save(name, File(member, name=name))
                if saved != name:
                    raise BackupError(f"Файл «{name}» не удалось сохранить под прежним именем.")
                progress.advance()
    return manifest


def _reset_sequences(connection: Any, loaded: set[type[models.Model]]) -> None:
    """Explicit primary keys were inserted: the next new row must not reuse one."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(loaded))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def default_backup_name(now: dt.datetime | None = None) -> str:
    moment = timezone.localtime(now or timezone.now())
    return f"protokol-{moment:%Y%m%d-%H%M%S}.zip"
