"""Uploading protocol files: stored once, extracted in the background, refused clearly."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from protokol.core.models import Event
from protokol.extraction import ExtractionError
from protokol.protocols.importing import Upload, run_import, start_import
from protokol.protocols.models import ImportJob, Protocol, SourceDocument


def _upload(client, *files):
    payload = []
    for name, data in files:
        buffer = io.BytesIO(data)
        buffer.name = name
        payload.append(buffer)
    return client.post(reverse("protocols:import"), {"files": payload})


def test_an_admin_uploads_the_sample_and_gets_a_draft(
    ministry_admin, login, sample_bytes, django_capture_on_commit_callbacks
):
    client = login(ministry_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, ("Протокол 23.10.2024.txt", sample_bytes))
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("protocols:import_job", kwargs={"pk": job.pk})
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE
    assert [step["step"] for step in job.steps] == ["read", "extract", "draft", "warnings"]
    protocol = job.protocol
    assert (protocol.number, protocol.date.isoformat()) == ("Д05-98/05пр", "2024-10-23")
    assert (protocol.letter_number, protocol.letter_date.isoformat()) == ("05-4017", "2024-11-02")
    assert protocol.instructions.count() == 19
    assert protocol.sections.count() == 9
    assert protocol.warnings.filter(code="duplicate_region").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Перейти к проверке" in page


def test_the_file_is_kept_byte_for_byte_with_its_digest(sample_draft, sample_bytes):
    import hashlib

    source = sample_draft.sources.get()
    assert source.sha256 == hashlib.sha256(sample_bytes).hexdigest()
    with source.file.open("rb") as stored:
        assert stored.read() == sample_bytes
    assert source.filename == "protocol.txt"
    assert source.file.name.endswith(f"{source.sha256}.txt")


def test_the_same_bytes_uploaded_again_are_linked_not_duplicated(
    sample_draft, ministry_admin, sample_bytes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = start_import([Upload.of_bytes("копия.txt", sample_bytes)], ministry_admin)
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE
    assert job.protocol == sample_draft
    assert SourceDocument.objects.count() == 1
    assert Protocol.objects.count() == 1


def test_a_letter_and_a_protocol_in_two_files_make_one_draft(
    ministry_admin, sample_bytes, django_capture_on_commit_callbacks
):
    text = sample_bytes.decode()
    cut = text.index("**МИНИСТЕРСТВО", text.index("О рассылке протокола - 05"))
    letter, protocol_text = text[:cut].encode(), text[cut:].encode("cp1251")
    with django_capture_on_commit_callbacks(execute=True):
        job = start_import(
            [Upload.of_bytes("письмо.txt", letter), Upload.of_bytes("протокол.txt", protocol_text)],
            ministry_admin,
        )
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE, job.error
    assert job.protocol.letter_number == "05-4017"
    assert job.protocol.number == "Д05-98/05пр"
    assert job.protocol.instructions.count() == 19
    assert job.protocol.sources.count() == 2


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("скан.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "не поддерживается"),
        ("таблица.xlsx", b"PK\x03\x04" + b"\x00" * 50, "«таблица.xlsx»"),
        ("пустой.txt", b"", "пуст"),
        ("старый.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "DOCX"),
    ],
)
def test_a_bad_upload_gets_a_russian_error_and_leaves_no_trace(
    ministry_admin, login, settings, name, data, message
):
    response = _upload(login(ministry_admin), (name, data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SourceDocument.objects.exists()
    assert not ImportJob.objects.exists()
    assert not Protocol.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_one_bad_file_among_good_ones_stores_nothing(ministry_admin, login, sample_bytes):
    response = _upload(
        login(ministry_admin), ("ok.txt", sample_bytes), ("bad.png", b"\x89PNG\r\n\x1a\n")
    )
    assert response.status_code == 200
    assert not SourceDocument.objects.exists()


def test_an_oversized_upload_is_refused(ministry_admin, login, settings):
    settings.PROTOKOL_BUDGETS = {**settings.PROTOKOL_BUDGETS, "import_bytes": 1024}
    response = _upload(login(ministry_admin), ("большой.txt", "Протокол ".encode() * 500))
    assert "больше" in response.content.decode()
    assert not SourceDocument.objects.exists()


def test_a_failure_during_extraction_leaves_no_protocol(
    ministry_admin, sample_bytes, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(*args, **kwargs):
        raise ExtractionError("Документ повреждён.", code="unreadable")

    monkeypatch.setattr("protokol.protocols.importing.parse_text", broken)
    with django_capture_on_commit_callbacks(execute=True):
        job = start_import([Upload.of_bytes("p.txt", sample_bytes)], ministry_admin)
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED
    assert job.error == "Документ повреждён."
    assert not Protocol.objects.exists()
    assert Event.objects.filter(verb="import.failed").exists()


def test_a_crash_in_drafting_rolls_back_everything(
    ministry_admin, sample_bytes, monkeypatch, django_capture_on_commit_callbacks
):
    def crash(*args, **kwargs):
        Protocol.objects.create(number="half")
        raise RuntimeError("boom")

    monkeypatch.setattr("protokol.protocols.importing.create_draft", crash)
    with django_capture_on_commit_callbacks(execute=True):
        job = start_import([Upload.of_bytes("p.txt", sample_bytes)], ministry_admin)
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED
    assert "Внутренняя ошибка" in job.error
    assert not Protocol.objects.exists()


def test_a_job_runs_once_even_if_delivered_twice(sample_draft):
    job = ImportJob.objects.get()
    again = run_import(job.pk)
    assert again.protocol == sample_draft
    assert Protocol.objects.count() == 1


def test_the_job_page_polls_until_the_job_finishes(ministry_admin, login, sample_bytes):
    job = start_import(
        [Upload.of_bytes("p.txt", sample_bytes)], ministry_admin
    )  # on_commit not run: queued
    page = login(ministry_admin).get(reverse("protocols:import_job", kwargs={"pk": job.pk}))
    body = page.content.decode()
    assert "в очереди" in body
    assert 'hx-trigger="every 1s"' in body


def test_operators_and_curators_cannot_import(operator_a, curator, login):
    assert login(operator_a).get(reverse("protocols:import")).status_code == 403
    assert login(curator).get(reverse("protocols:import")).status_code == 403


def test_the_draft_cover_letter_text_says_what_is_sent(sample_draft):
    assert sample_draft.letter_body.startswith("Департамент государственной политики")
    assert "протокол совещания, состоявшегося 23 октября 2024 года" in sample_draft.letter_body


def test_a_table_whose_columns_were_guessed_is_a_warning_of_the_draft(
    ministry_admin, sample_bytes, django_capture_on_commit_callbacks
):
    import docx

    document = docx.Document()
    rows = [
        [
            "1.",
            "Обеспечить назначение руководителей ЦОПП.",
            "Белгородская область",
            "до 28.12.2024",
        ],
        ["2.", "Направить информацию о мероприятиях", "Курская область", "до 29.11.2024"],
    ]
    table = document.add_table(rows=2, cols=4)  # no header row naming the columns
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.paragraphs[0].text = text
    buffer = io.BytesIO()
    document.save(buffer)

    with django_capture_on_commit_callbacks(execute=True):
        job = start_import(
            [
                Upload.of_bytes("letter.txt", sample_bytes),
                Upload.of_bytes("table.docx", buffer.getvalue()),
            ],
            ministry_admin,
        )
    job.refresh_from_db()

    assert job.state == ImportJob.State.DONE
    assert job.protocol.warnings.filter(code="table_columns_guessed").exists()
