from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from protokol.assignments.models import Assignment


def test_publish_sends_a_reviewed_protocol_to_the_regions(run, ready_draft):
    out, _ = run("publish", str(ready_draft.pk), "--accept", "Образец 2024 года")
    ready_draft.refresh_from_db()
    assert ready_draft.state == "published"
    created = Assignment.objects.count()
    assert created > 1000
    assert f"направлено {created}" in out
    again, _ = run("publish", str(ready_draft.pk))
    assert "изменений нет" in again


def test_publish_lists_what_blocks_publication(run, sample_draft):
    with pytest.raises(CommandError, match="не опубликован") as refused:
        run("publish", str(sample_draft.pk))
    assert "укажите срок" in str(refused.value)


def test_publish_names_what_accept_would_let_through_and_accepts_nothing_by_itself(
    run, ready_draft
):
    with pytest.raises(CommandError, match="не опубликован") as refused:
        run("publish", str(ready_draft.pk))
    assert "III.1: срок 28 декабря 2024 г. уже прошёл. (можно принять: --accept" in str(
        refused.value
    )
    assert not Assignment.objects.exists()


def test_publish_with_accept_puts_the_note_into_the_audit_trail(run, ready_draft):
    from protokol.core.models import Event

    run("publish", str(ready_draft.pk), "--accept", "Образец 2024 года")
    accepted = Event.objects.filter(verb="publication.accepted")
    assert accepted.count() > 10
    assert {event.after["note"] for event in accepted} == {"Образец 2024 года"}


def test_publish_of_an_unknown_protocol(run, ministry_admin):
    with pytest.raises(CommandError, match="Протокол с идентификатором 404 не найден"):
        run("publish", "404")
