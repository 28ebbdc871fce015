"""The upload request stores the file and queues the import; extraction runs in the task."""

from __future__ import annotations

import io

from django.urls import reverse

from protokol.protocols import importing
from protokol.protocols.models import ImportJob, SourceDocument


def test_the_upload_request_queues_the_job_without_parsing(
    ministry_admin, login, sample_bytes, monkeypatch, django_capture_on_commit_callbacks
):
    calls: list[str] = []
    monkeypatch.setattr(importing, "parse_text", lambda *a, **k: calls.append("parsed"))
    buffer = io.BytesIO(sample_bytes)
    buffer.name = "протокол.txt"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = login(ministry_admin).post(reverse("protocols:import"), {"files": [buffer]})
    assert response.status_code == 302
    assert calls == []  # nothing was extracted while the request was served
    job = ImportJob.objects.get()
    assert job.state == ImportJob.State.QUEUED
    assert SourceDocument.objects.count() == 1
    assert len(callbacks) == 1  # the task is enqueued once the upload is committed
