"""The upload path under random input: a clear refusal or an import, never a server error."""

from __future__ import annotations

import io

from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protokol.protocols.models import ImportJob, SourceDocument

NAMES = st.sampled_from(
    ["протокол.docx", "протокол.pdf", "p.odt", "p.rtf", "p.txt", "p.html", "скан.png", "../../etc/passwd",
     "x" * 300 + ".txt", "без расширения", "p.DOCX"]
)  # fmt: skip
PAYLOADS = st.one_of(
    st.binary(max_size=2048),
    st.text(max_size=1024).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.just(b"PK\x03\x04").flatmap(
        lambda head: st.binary(max_size=512).map(lambda tail: head + tail)
    ),
    st.just(b"%PDF-1.4\n").flatmap(
        lambda head: st.binary(max_size=512).map(lambda tail: head + tail)
    ),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=NAMES, payload=PAYLOADS)
def test_random_uploads_are_refused_or_imported_never_a_server_error(ministry_admin, name, payload):
    client = Client(raise_request_exception=True)
    client.force_login(ministry_admin)
    before = SourceDocument.objects.count()
    upload = io.BytesIO(payload)
    upload.name = name
    response = client.post(reverse("protocols:import"), {"files": [upload]})
    assert response.status_code in (200, 302)
    if response.status_code == 200:  # refused: the form shows why, nothing is stored
        assert "errors" in response.content.decode()
        assert SourceDocument.objects.count() == before
    else:
        job = ImportJob.objects.latest("pk")
        assert "/" not in job.sources.get().file.name.rsplit("sources/", 1)[1].split("/", 2)[-1]
