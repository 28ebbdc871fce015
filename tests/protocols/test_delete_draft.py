"""Deleting a draft: gone with its source files, audited; a published protocol is withdrawn
instead."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from protokol.core.models import Event
from protokol.protocols.models import Instruction, Protocol, ReviewWarning, SourceDocument


def _url(protocol: Protocol) -> str:
    return reverse("protocols:delete", args=[protocol.pk])


def test_deleting_a_draft_removes_it_with_its_source_files_and_is_audited(
    sample_draft, ministry_admin, login, django_capture_on_commit_callbacks
):
    source = sample_draft.sources.get()
    stored = source.file.name
    assert default_storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(ministry_admin).post(_url(sample_draft))
    assert response.status_code == 302 and response["Location"] == reverse("protocols:list")
    assert not Protocol.objects.filter(pk=sample_draft.pk).exists()
    assert not Instruction.objects.exists() and not ReviewWarning.objects.exists()
    assert not SourceDocument.objects.exists()
    assert not default_storage.exists(stored)
    event = Event.objects.get(verb="protocol.deleted")
    assert event.actor == ministry_admin
    assert event.object_id == str(sample_draft.pk)
    assert event.before["sources"] == [{"filename": "protocol.txt", "sha256": source.sha256}]
    assert event.before["number"] == "Д05-98/05пр"


def test_the_delete_page_asks_before_deleting(sample_draft, ministry_admin, login):
    response = login(ministry_admin).get(_url(sample_draft))
    page = response.content.decode()
    assert response.status_code == 200
    assert "protocol.txt" in page and "Удалить черновик" in page
    assert Protocol.objects.filter(pk=sample_draft.pk).exists()


def test_a_source_another_protocol_was_imported_from_is_kept(
    sample_draft, ministry_admin, django_capture_on_commit_callbacks
):
    from protokol.protocols.review import delete_draft

    source = sample_draft.sources.get()
    other = Protocol.objects.create(number="2")
    other.sources.add(source)
    with django_capture_on_commit_callbacks(execute=True):
        assert delete_draft(sample_draft, ministry_admin) == []
    assert SourceDocument.objects.filter(pk=source.pk).exists()
    assert default_storage.exists(source.file.name)


def test_a_published_protocol_is_not_deleted(published, ministry_admin, login):
    response = login(ministry_admin).post(_url(published))
    assert response.status_code == 422
    assert "Опубликованный протокол не удаляется, а отзывается." in response.content.decode()
    assert Protocol.objects.filter(pk=published.pk).exists()
    assert default_storage.exists(published.sources.get().file.name)
    assert not Event.objects.filter(verb="protocol.deleted").exists()


@pytest.mark.parametrize("persona", ["curator", "observer", "operator_a"])
def test_only_administrators_delete_drafts(sample_draft, request, login, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get(_url(sample_draft)).status_code == 403
    assert client.post(_url(sample_draft)).status_code == 403
    assert Protocol.objects.filter(pk=sample_draft.pk).exists()


def test_the_review_page_of_a_draft_offers_deletion(sample_draft, ministry_admin, login):
    page = login(ministry_admin).get(reverse("protocols:review", args=[sample_draft.pk]))
    assert f'href="{_url(sample_draft)}">Удалить черновик</a>' in page.content.decode()
