"""The upload request checks the declared size and the first bytes, streams the file to
storage and queues the import; reading and extraction run in the task."""

from __future__ import annotations

import io
import secrets

import pytest
from django.core.files.base import File
from django.core.files.uploadedfile import InMemoryUploadedFile, TemporaryUploadedFile
from django.urls import reverse

from protokol.extraction.readers import HEAD_BYTES, READERS
from protokol.protocols import importing
from protokol.protocols.importing import CHUNK_BYTES, Upload, UploadRejected, start_import
from protokol.protocols.models import ImportJob, SourceDocument
from tests.extraction.readers.test_docx import make_docx, para


def _post(client, name: str, data: bytes):
    buffer = io.BytesIO(data)
    buffer.name = name
    return client.post(reverse("protocols:import"), {"files": [buffer]})


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Every call of a document reader or the parser, wherever it comes from."""
    calls: list[str] = []

    def spy(name, original):
        def called(*args, **kwargs):
            calls.append(name)
            return original(*args, **kwargs)

        return called

    monkeypatch.setattr(importing, "read_document", spy("read_document", importing.read_document))
    monkeypatch.setattr(importing, "parse_text", spy("parse_text", importing.parse_text))
    for reader_class in {type(reader) for reader in READERS}:
        monkeypatch.setattr(reader_class, "read", spy(reader_class.__name__, reader_class.read))
    return calls


def test_the_upload_request_reads_and_parses_nothing(
    ministry_admin, login, sample_bytes, reads, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _post(login(ministry_admin), "протокол.txt", sample_bytes)

    assert response.status_code == 302
    assert reads == []  # nothing was read or extracted while the request was served
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.QUEUED
    assert SourceDocument.objects.count() == 1
    assert len(callbacks) == 1  # the task is enqueued once the upload is committed


def test_the_task_reads_and_parses_what_the_request_stored(
    ministry_admin, login, sample_bytes, reads, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _post(login(ministry_admin), "протокол.txt", sample_bytes)
    for callback in callbacks:
        callback()

    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.DONE, job.error
    assert reads == ["read_document", "TextReader", "parse_text"]
    assert job.protocol.instructions.count() == 19


def test_an_oversized_upload_is_refused_by_its_declared_size_unread(
    ministry_admin, login, settings, monkeypatch
):
    settings.PROTOKOL_BUDGETS = {**settings.PROTOKOL_BUDGETS, "import_bytes": 1024}

    def unreadable(self, *args):
        raise AssertionError("the upload was read")

    monkeypatch.setattr(InMemoryUploadedFile, "read", unreadable)
    response = _post(login(ministry_admin), "большой.txt", "Протокол ".encode() * 500)

    assert response.status_code == 200
    assert "больше 1024 байт" in response.content.decode()
    assert not SourceDocument.objects.exists()


def test_a_file_whose_declared_size_is_over_the_budget_is_never_read(ministry_admin):
    class Huge(File):
        size = 10**12

        def read(self, *args):
            raise AssertionError("the file was read")

    with pytest.raises(UploadRejected, match="больше 20 МБ"):
        start_import([Upload("огромный.pdf", Huge(io.BytesIO()))], ministry_admin)
    assert not SourceDocument.objects.exists()


def test_the_upload_is_stored_as_sent_and_only_ever_read_in_chunks(
    ministry_admin, login, settings, monkeypatch, sample_bytes
):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024  # the upload goes to a temporary file
    sizes: list[int] = []

    def read(self, size=-1):
        sizes.append(size)
        return self.file.read(size)

    monkeypatch.setattr(TemporaryUploadedFile, "read", read)
    data = sample_bytes * 20  # 400 KB: several chunks
    response = _post(login(ministry_admin), "протокол.txt", data)

    assert response.status_code == 302
    with SourceDocument.objects.get().file.open("rb") as stored:
        assert stored.read() == data
    assert sizes and all(0 < size <= CHUNK_BYTES for size in sizes)


def test_an_unreadable_file_becomes_a_failed_job_with_its_reason(
    ministry_admin, login, django_capture_on_commit_callbacks
):
    client = login(ministry_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, "протокол.docx", b"PK\x03\x04 broken zip" + b"\x00" * 50)

    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.FAILED
    assert job.error.startswith("«протокол.docx»: Файл DOCX повреждён")
    assert job.sources.get().filename == "протокол.docx"  # the file is kept
    page = client.get(response["Location"]).content.decode()
    assert "ошибка" in page and "повреждён" in page


def test_the_stored_format_is_the_one_the_reader_found(
    ministry_admin, django_capture_on_commit_callbacks
):
    # A DOCX named «.odt», too big to be sniffed from its head: the request goes by the
    # name, the task by the content.
    items = "".join(para(f"{n}. Обеспечить {secrets.token_hex(16)}.") for n in range(1, 400))
    data = make_docx(para("ПРОТОКОЛ") + items)
    assert len(data) > HEAD_BYTES
    with django_capture_on_commit_callbacks(execute=True):
        job = start_import([Upload.of_bytes("протокол.odt", data)], ministry_admin)

    source = job.sources.get()
    assert source.file.name.endswith(".odt")
    source.refresh_from_db()
    assert source.format == "docx"


def test_a_post_without_any_file_asks_for_one_in_russian(db, ministry_admin, login):
    from django.urls import reverse

    response = login(ministry_admin).post(reverse("protocols:import"), {})
    assert response.status_code in {200, 400, 422}
    assert "Выберите хотя бы один файл." in response.content.decode()
