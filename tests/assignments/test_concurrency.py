"""People acting at the same moment (PostgreSQL: SQLite has no row locks to test).

Two operators of one region submit from the same page version: one report is kept, the
other person is told the assignment changed meanwhile. Two curators accepting the last
two open assignments close the instruction exactly once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from protokol.assignments import lifecycle, reporting
from protokol.assignments.models import Assignment, Report
from protokol.core.models import Event
from protokol.protocols.models import Instruction

from .conftest import BELGOROD, MOSCOW

# Skipped by a mark, not inside a fixture: a skip taken after the transactional database
# was set up would still flush it (and the regions every later test needs).
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def at_the_same_moment(*calls: Callable[[], object]) -> tuple[list[object], list[Exception]]:
    """Run each call in its own thread (own connection), released together."""
    from django.db import connections

    barrier = threading.Barrier(len(calls))
    results: list[object] = []
    errors: list[Exception] = []

    def run(call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results.append(call())
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_two_operators_of_one_region_submitting_at_once_lose_no_report(
    small_protocol, operator_a, django_user_model
):
    colleague = django_user_model.objects.create_user(
        "belgorod2", role="operator", region_id=BELGOROD
    )
    assignment = small_protocol().assignments.get()

    results, errors = at_the_same_moment(
        lambda: reporting.submit_report(assignment, operator_a, text="Отчёт Анны", version=0),
        lambda: reporting.submit_report(assignment, colleague, text="Отчёт коллеги", version=0),
    )

    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], lifecycle.ChangedMeanwhile)
    assert "обновите страницу" in errors[0].message
    report = Report.objects.get()
    assert report == results[0] and report.number == 1
    assignment.refresh_from_db()
    assert (assignment.state, assignment.version) == (Assignment.State.SUBMITTED, 1)
    assert Event.objects.filter(verb="assignment.report_submitted").count() == 1


def test_without_a_version_the_second_submission_is_refused_by_the_state(
    small_protocol, operator_a, django_user_model
):
    colleague = django_user_model.objects.create_user(
        "belgorod3", role="operator", region_id=BELGOROD
    )
    assignment = small_protocol().assignments.get()

    results, errors = at_the_same_moment(
        lambda: reporting.submit_report(assignment, operator_a, text="Первый"),
        lambda: reporting.submit_report(assignment, colleague, text="Второй"),
    )

    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], lifecycle.TransitionRefused)
    assert "ожидает решения куратора" in errors[0].message
    assert Report.objects.count() == 1


def test_accepting_the_last_two_assignments_at_once_closes_the_instruction_once(
    small_protocol, operator_a, curator, ministry_admin, django_user_model
):
    instruction = small_protocol(regions=(BELGOROD, MOSCOW))
    operator_moscow = django_user_model.objects.create_user(
        "moscow2", role="operator", region_id=MOSCOW
    )
    belgorod = instruction.assignments.get(region_id=BELGOROD)
    moscow = instruction.assignments.get(region_id=MOSCOW)
    first = reporting.submit_report(belgorod, operator_a, text="Да")
    second = reporting.submit_report(moscow, operator_moscow, text="Да")

    results, errors = at_the_same_moment(
        lambda: reporting.accept_report(first, curator),
        lambda: reporting.accept_report(second, ministry_admin),
    )

    assert not errors and len(results) == 2
    instruction.refresh_from_db()
    assert instruction.state == Instruction.State.CLOSED
    assert Event.objects.filter(verb="instruction.closed").count() == 1
