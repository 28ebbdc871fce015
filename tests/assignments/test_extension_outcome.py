"""An extension asked for a non-working day moves the due date back to the working day
before it — and says so wherever the decision is shown: the assignment page, the
curator's desk (before deciding), the notice and e-mail to the region, the audit event
and the API. The date it gave is kept on the request (``granted_date``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from protokol.assignments.extensions import decide_extension, request_extension
from protokol.assignments.models import ExtensionRequest
from protokol.core.models import Event
from protokol.notifications.models import Notification

D = dt.date
DAY_OFF = D(2024, 12, 31)  # a day off in 2024 (ПП № 1314)
MOVED_TO = D(2024, 12, 28)  # a working Saturday
SAYS_SO = "31 декабря 2024 г. — нерабочий день; срок — 28 декабря 2024 г."


@pytest.fixture
def asked(assignment_in, operator_a, clock):
    """``asked(day)``: Belgorod's assignment (due 2 December 2024) with a pending request
    to move it to ``day``."""

    def make(day: dt.date) -> ExtensionRequest:
        assignment = assignment_in("in_progress")
        return request_extension(assignment, operator_a, new_date=day, reason="Нужен месяц.")

    return make


@pytest.fixture
def approved(asked, curator) -> ExtensionRequest:
    return decide_extension(asked(DAY_OFF), curator, approve=True)


def test_approving_a_non_working_day_keeps_the_working_day_before_it_as_granted(approved):
    approved.refresh_from_db()
    assert (approved.requested_date, approved.granted_date) == (DAY_OFF, MOVED_TO)
    assert approved.assignment.due_date == MOVED_TO
    assert approved.outcome == SAYS_SO


def test_a_rejected_request_grants_no_date(asked, curator):
    request = decide_extension(asked(DAY_OFF), curator, approve=False)
    request.refresh_from_db()
    assert (request.granted_date, request.outcome) == (None, "")


def test_an_approved_working_day_just_names_the_new_date(asked, curator):
    request = decide_extension(asked(D(2025, 1, 15)), curator, approve=True)
    assert request.outcome == "срок — 15 января 2025 г."


def test_the_assignment_page_says_the_day_was_not_a_working_one(approved, operator_a, login):
    page = login(operator_a).get(reverse("assignments:detail", args=[approved.assignment_id]))
    body = page.content.decode()
    assert f'<div class="extension-note">{SAYS_SO}</div>' in body
    assert "Перенос срока согласован (" + SAYS_SO + ")" in body  # the history


def test_the_region_is_told_in_its_notice_and_e_mail(approved, operator_a):
    from protokol.notifications.delivery import build_message

    notice = Notification.objects.get(kind="extension_decided", recipient=operator_a)
    assert notice.body.startswith(
        f"Запрос о переносе срока на 31 декабря 2024 г. согласован: {SAYS_SO}."
    )
    operator_a.email = "belgorod@example.ru"
    operator_a.save(update_fields=["email"])
    assert SAYS_SO in build_message(notice).body


def test_the_audit_event_records_what_was_asked_and_what_was_granted(approved):
    event = Event.objects.get(verb="assignment.extension_approved")
    assert event.summary.startswith(f"Перенос срока согласован ({SAYS_SO}): поручение")
    assert (event.after["requested_date"], event.after["due_date"]) == (
        DAY_OFF.isoformat(),
        MOVED_TO.isoformat(),
    )


def test_the_api_gives_the_granted_date_and_the_outcome(approved, operator_a):
    from django.test import Client

    from protokol.api.tokens import issue_token

    token = issue_token(operator_a, "тест").secret
    client = Client(headers={"Authorization": f"Bearer {token}"})
    data = client.get(f"/api/v1/extension-requests/{approved.pk}").json()
    assert (data["requested_date"], data["granted_date"], data["outcome"]) == (
        "2024-12-31",
        "2024-12-28",
        SAYS_SO,
    )


def test_the_curator_sees_before_deciding_what_approving_would_give(asked, curator, login):
    request = asked(DAY_OFF)
    asked(D(2025, 1, 15))  # a working day: nothing to say
    preview = "31 декабря 2024 г. — нерабочий день; при согласовании срок — 28 декабря 2024 г."
    client = login(curator)
    desk = client.get(reverse("assignments:desk")).content.decode()
    assert f'<div class="extension-note">{preview}</div>' in desk
    assert desk.count("нерабочий день") == 1 and "15 января 2025 г." in desk
    page = client.get(reverse("assignments:detail", args=[request.assignment_id]))
    assert f'<p class="extension-note">{preview}</p>' in page.content.decode()


def test_requests_approved_before_the_field_existed_get_their_granted_date(approved):
    """The migration fills ``granted_date`` by the rule the approval applied."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "protokol.assignments.migrations.0006_extensionrequest_granted_date"
    )
    ExtensionRequest.objects.filter(pk=approved.pk).update(granted_date=None)
    migration.fill_granted_dates(apps, None)
    approved.refresh_from_db()
    assert approved.granted_date == MOVED_TO
