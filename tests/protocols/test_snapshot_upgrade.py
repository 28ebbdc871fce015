"""Upgrading a database whose versions predate snapshots of requisites and report forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("protocols", "0002_document_kind_and_extract_pdf")]
AFTER = [("protocols", "0003_corrections_wait_for_publication")]
FORM = [{"key": "head", "label": "Руководитель ЦОПП", "type": "person", "required": True}]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


# Serialized like the other transactional tests: a flush would otherwise re-create the
# content types they restore.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_newest_version_records_the_requisites_and_forms_the_regions_hold():
    apps = _migrate(BEFORE)
    protocol = apps.get_model("protocols", "Protocol").objects.create(
        state="published", number="Д05-1/05пр", date=dt.date(2024, 10, 23),
        letter_executor_phone="587-01-10, доб. 3378", letter_date=dt.date(2024, 11, 2),
    )  # fmt: skip
    instruction = apps.get_model("protocols", "Instruction").objects.create(
        protocol=protocol, position=0, code="III.1", text="назначить", report_template=FORM
    )
    versions = apps.get_model("protocols", "ProtocolVersion").objects
    old = {"number": "Д05-1/05пр", "instructions": {str(instruction.pk): {"code": "III.1"}}}
    first = versions.create(protocol=protocol, number=1, snapshot=old)
    second = versions.create(protocol=protocol, number=2, snapshot=old)
    try:
        apps = _migrate(AFTER)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    versions = apps.get_model("protocols", "ProtocolVersion").objects
    newest = versions.get(pk=second.pk).snapshot
    assert newest["letter_executor_phone"] == "587-01-10, доб. 3378"
    assert newest["letter_date"] == "2024-11-02"
    assert newest["instructions"][str(instruction.pk)]["report_template"] == FORM
    assert versions.get(pk=first.pk).snapshot == old
