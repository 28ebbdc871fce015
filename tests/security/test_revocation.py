"""Revocation is final: a revoked API token or calendar address is never revived.

Neither the admin (every field read-only, revoking only through the audited action) nor a
model save nor a queryset update can clear ``revoked_at``; issuing and revoking are
audit events with who and what.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from protokol.api.models import ApiToken
from protokol.api.tokens import issue_token, revoke_token
from protokol.core.models import Event
from protokol.core.revocation import RevocationIsFinal
from protokol.notifications import calendars
from protokol.notifications.models import CalendarFeed

# Marked, although every test reaches the database through its fixtures: the credential
# comes from ``getfixturevalue``, which pytest-django cannot see, so without the mark it
# orders these tests after the transactional ones, whose flush empties the regions table.
pytestmark = pytest.mark.django_db


@pytest.fixture
def revoked_token(operator_a) -> ApiToken:
    issued = issue_token(operator_a, "скрипт")
    revoke_token(issued.token, operator_a)
    issued.token.refresh_from_db()
    return issued.token


@pytest.fixture
def revoked_feed(operator_a) -> CalendarFeed:
    feed = calendars.issue_feed(operator_a)
    calendars.revoke_feeds(operator_a)
    feed.refresh_from_db()
    return feed


@pytest.fixture(params=["token", "feed"])
def revoked(request):
    """Each kind of credential, revoked."""
    return request.getfixturevalue(f"revoked_{request.param}")


def test_saving_a_revoked_credential_with_revoked_at_cleared_is_refused(revoked):
    revoked.revoked_at = None
    with pytest.raises(RevocationIsFinal):
        revoked.save()
    with pytest.raises(RevocationIsFinal):
        revoked.save(update_fields=["revoked_at"])
    revoked.refresh_from_db()
    assert revoked.revoked_at is not None


def test_a_queryset_update_cannot_clear_revoked_at(revoked):
    with pytest.raises(RevocationIsFinal):
        type(revoked).objects.filter(pk=revoked.pk).update(revoked_at=None)
    revoked.refresh_from_db()
    assert revoked.revoked_at is not None


def _admin_change_url(obj) -> str:
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def _admin_changelist_url(model) -> str:
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")


def test_the_admin_change_form_has_no_editable_field(revoked, ministry_admin, login):
    client = login(ministry_admin)
    response = client.get(_admin_change_url(revoked))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert list(form.fields) == []
    # Posting a cleared revocation anyway changes nothing.
    client.post(_admin_change_url(revoked), {"revoked_at_0": "", "revoked_at_1": ""})
    revoked.refresh_from_db()
    assert revoked.revoked_at is not None


def test_the_admin_never_shows_the_token_digest_or_the_feed_secret(
    revoked_token, revoked_feed, ministry_admin, login
):
    client = login(ministry_admin)
    assert revoked_token.digest not in client.get(_admin_change_url(revoked_token)).content.decode()
    assert revoked_feed.token not in client.get(_admin_change_url(revoked_feed)).content.decode()


@pytest.mark.parametrize("model", [ApiToken, CalendarFeed])
def test_the_admin_can_neither_add_nor_delete_credentials(model, ministry_admin, login):
    client = login(ministry_admin)
    meta = model._meta
    assert client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_add")).status_code == 403
    changelist = client.get(_admin_changelist_url(model))
    actions = dict(changelist.context["action_form"].fields["action"].choices)
    assert "revoke_selected" in actions and "delete_selected" not in actions


def test_the_admin_revokes_a_token_by_action_and_the_event_names_the_administrator(
    operator_a, ministry_admin, login
):
    issued = issue_token(operator_a, "скрипт региона")
    response = login(ministry_admin).post(
        _admin_changelist_url(ApiToken),
        {"action": "revoke_selected", "_selected_action": [issued.token.pk]},
    )
    assert response.status_code == 302
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is not None
    event = Event.objects.get(verb="api_token.revoked")
    assert event.actor == ministry_admin
    assert event.object_id == str(issued.token.pk)
    assert str(operator_a) in event.summary


def test_the_admin_revokes_a_calendar_address_by_action_and_it_is_audited(
    operator_a, ministry_admin, login
):
    feed = calendars.issue_feed(operator_a)
    login(ministry_admin).post(
        _admin_changelist_url(CalendarFeed),
        {"action": "revoke_selected", "_selected_action": [feed.pk]},
    )
    feed.refresh_from_db()
    assert feed.revoked_at is not None
    event = Event.objects.get(verb="calendar_feed.revoked")
    assert event.actor == ministry_admin and event.object_id == str(feed.pk)


def test_issuing_and_revoking_a_calendar_address_are_audited_with_the_owner(operator_a):
    first = calendars.issue_feed(operator_a)
    second = calendars.issue_feed(operator_a)  # replaces the first
    calendars.revoke_feeds(operator_a)
    issued = Event.objects.filter(verb="calendar_feed.issued", actor=operator_a)
    revoked = Event.objects.filter(verb="calendar_feed.revoked", actor=operator_a)
    assert sorted(issued.values_list("object_id", flat=True)) == sorted(
        [str(first.pk), str(second.pk)]
    )
    assert sorted(revoked.values_list("object_id", flat=True)) == sorted(
        [str(first.pk), str(second.pk)]
    )
