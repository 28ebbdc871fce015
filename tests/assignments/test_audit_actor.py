"""The audit trail tells the truth: each act is recorded as its author's own, and «от имени
региона» appears only when a ministry user enters a region's act for it (issue 14)."""

from __future__ import annotations

import datetime as dt

import pytest

from protokol.assignments import extensions, lifecycle, reporting
from protokol.assignments.models import Assignment, ExtensionRequest
from protokol.core.models import Event

S = Assignment.State
ON_BEHALF = "(от имени региона)"


def _event(verb: str) -> Event:
    return Event.objects.filter(verb=f"assignment.{verb}").latest("pk")


def test_the_regions_acknowledgement_is_its_own(assignment_in, operator_a):
    lifecycle.acknowledge(assignment_in(S.ISSUED), operator_a)
    event = _event("acknowledged")
    assert event.actor == operator_a
    assert ON_BEHALF not in event.summary


def test_the_regions_report_is_its_own(assignment_in, operator_a):
    reporting.submit_report(assignment_in(S.IN_PROGRESS), operator_a, text="Исполнено.")
    event = _event("report_submitted")
    assert event.actor == operator_a
    assert ON_BEHALF not in event.summary


def test_a_report_the_curator_enters_for_the_region_says_so(assignment_in, curator):
    reporting.submit_report(assignment_in(S.ISSUED), curator, text="По письму региона.")
    event = _event("report_submitted")
    assert event.actor == curator
    assert ON_BEHALF in event.summary


def test_accepting_a_report_is_the_curators_own_act(assignment_in, curator):
    assignment = assignment_in(S.SUBMITTED)
    report = assignment.reports.latest("number")
    reporting.accept_report(report, curator)
    event = _event("report_accepted")
    assert event.actor == curator
    assert event.summary.startswith("Принят ")
    assert ON_BEHALF not in event.summary


def test_returning_a_report_is_the_curators_own_act(assignment_in, curator):
    assignment = assignment_in(S.SUBMITTED)
    report = assignment.reports.latest("number")
    reporting.return_report(report, curator, comment="Приложите приказ.")
    event = _event("report_returned")
    assert event.actor == curator
    assert event.summary.startswith("Возвращён на доработку")
    assert ON_BEHALF not in event.summary


@pytest.mark.parametrize("approve", [True, False], ids=["approved", "rejected"])
def test_deciding_an_extension_is_the_curators_own_act(
    assignment_in, operator_a, curator, clock, approve
):
    assignment = assignment_in(S.IN_PROGRESS)
    request = extensions.request_extension(
        assignment, operator_a, new_date=dt.date(2024, 12, 20), reason="Конкурс на должность."
    )
    requested = _event("extension_requested")
    assert requested.actor == operator_a
    assert ON_BEHALF not in requested.summary

    extensions.decide_extension(request, curator, approve=approve, comment="Решение куратора.")
    request.refresh_from_db()
    assert request.decision == (
        ExtensionRequest.Decision.APPROVED if approve else ExtensionRequest.Decision.REJECTED
    )
    decided = _event("extension_approved" if approve else "extension_rejected")
    assert decided.actor == curator
    assert ON_BEHALF not in decided.summary
