from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management.base import CommandError

from protokol.assignments.models import Assignment
from protokol.protocols.models import ImportJob, Protocol

SAMPLE = Path(__file__).parents[1] / "samples" / "sample_protocol.txt"


def test_import_creates_a_draft_from_a_file(run, ministry_admin):
    out, _ = run("import", str(SAMPLE), "--no-progress")
    protocol = Protocol.objects.get()
    assert protocol.is_draft and protocol.number == "Д05-98/05пр"
    assert f"(id {protocol.pk})" in out and "поручений" in out
    assert ImportJob.objects.get().created_by == ministry_admin


def test_import_with_publish_reports_why_the_sample_needs_review(run, ministry_admin):
    # The sample has instructions without a deadline and a condition to resolve.
    with pytest.raises(CommandError, match="не опубликован") as refused:
        run("import", str(SAMPLE), "--publish", "--user", "admin", "--no-progress")
    assert "укажите срок" in str(refused.value) or "выберите субъекты" in str(refused.value)
    assert Protocol.objects.get().is_draft
    assert not Assignment.objects.exists()


def test_import_of_the_same_file_twice_links_to_the_first_protocol(run, ministry_admin):
    run("import", str(SAMPLE), "--no-progress")
    run("import", str(SAMPLE), "--no-progress")
    assert Protocol.objects.count() == 1


def test_import_refuses_a_missing_or_unreadable_file(run, ministry_admin, tmp_path):
    with pytest.raises(CommandError, match="не найден"):
        run("import", str(tmp_path / "нет.docx"), "--no-progress")
    picture = tmp_path / "скан.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(CommandError, match="не поддерживается"):
        run("import", str(picture), "--no-progress")
    assert not Protocol.objects.exists()


def test_import_needs_an_administrator(run, curator, operator_a):
    with pytest.raises(CommandError, match="Нет ни одного администратора"):
        run("import", str(SAMPLE), "--no-progress")
    with pytest.raises(CommandError, match="действие выполняет администратор"):
        run("import", str(SAMPLE), "--user", "curator", "--no-progress")


def test_import_refuses_a_file_over_the_budget_by_its_size(run, ministry_admin, settings, tmp_path):
    settings.PROTOKOL_BUDGETS = {**settings.PROTOKOL_BUDGETS, "import_bytes": 1024}
    big = tmp_path / "большой.txt"
    big.write_bytes(SAMPLE.read_bytes())

    with pytest.raises(CommandError, match="больше 1024 байт"):
        run("import", str(big), "--no-progress")
    assert not ImportJob.objects.exists()


def test_import_reports_a_file_it_cannot_read_with_its_name(run, ministry_admin, tmp_path):
    damaged = tmp_path / "протокол.docx"
    damaged.write_bytes(b"PK\x03\x04 broken zip" + bytes(50))

    with pytest.raises(CommandError, match=re.escape("«протокол.docx»: Файл DOCX повреждён")):
        run("import", str(damaged), "--no-progress")
    assert ImportJob.objects.get().state == ImportJob.State.FAILED
