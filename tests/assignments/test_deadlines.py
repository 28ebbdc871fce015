"""Due dates (DOMAIN.md §1–2): holidays of 2024–2026, default term, recurring series,
and the derived facts the operator's home shows — overdue, working days left, urgency."""

from __future__ import annotations

import datetime as dt

import pytest

from protokol.assignments.deadlines import (
    URGENCY_LABELS,
    due_after_extension,
    due_dates,
    shared_due_date,
    urgency,
    working_days_left,
)
from protokol.assignments.due import Due, periodicity
from protokol.assignments.issuing import sync_assignments
from protokol.assignments.models import Assignment
from protokol.extraction.workdays import ProductionCalendar
from protokol.protocols.models import Instruction, Protocol

from .conftest import BELGOROD, MOSCOW

D = dt.date
S = Assignment.State
CALENDAR = ProductionCalendar()
MAY_12 = D(2025, 5, 12)


def instruction(**fields) -> Instruction:
    """An unsaved instruction: ``due_dates`` reads only its deadline fields."""
    return Instruction(code="X.1", text="—", position=0, **fields)


@pytest.mark.parametrize(
    ("stated", "due"),
    [
        # 2024 (ПП № 1314): 28 December and 2 November are working Saturdays.
        (D(2024, 12, 31), D(2024, 12, 28)),
        (D(2024, 12, 30), D(2024, 12, 28)),
        (D(2024, 11, 4), D(2024, 11, 2)),
        (D(2024, 5, 1), D(2024, 4, 27)),
        (D(2024, 5, 10), D(2024, 5, 8)),
        (D(2024, 6, 12), D(2024, 6, 11)),
        (D(2024, 2, 23), D(2024, 2, 22)),
        (D(2024, 3, 8), D(2024, 3, 7)),
        # 2025 (ПП № 1335): the New Year run reaches back into 2024; 1 November works.
        (D(2025, 1, 8), D(2024, 12, 28)),
        (D(2025, 5, 9), D(2025, 5, 7)),
        (D(2025, 6, 13), D(2025, 6, 11)),
        (D(2025, 11, 4), D(2025, 11, 1)),
        (D(2025, 12, 31), D(2025, 12, 30)),
        # 2026 (ПП № 1466).
        (D(2026, 1, 9), D(2025, 12, 30)),
        (D(2026, 2, 23), D(2026, 2, 20)),
        (D(2026, 3, 9), D(2026, 3, 6)),
        (D(2026, 5, 11), D(2026, 5, 8)),
        (D(2026, 6, 12), D(2026, 6, 11)),
        (D(2026, 11, 4), D(2026, 11, 3)),
        (D(2026, 12, 31), D(2026, 12, 30)),
        # A working day stays where it is.
        (D(2024, 12, 2), D(2024, 12, 2)),
    ],
)
def test_a_deadline_on_a_non_working_day_moves_to_the_previous_working_day(stated, due):
    assert due_dates(
        instruction(deadline_date=stated), issued_on=D(2024, 1, 9), calendar=CALENDAR
    ) == [due]


@pytest.mark.parametrize(
    ("issued_on", "due"),
    [
        (D(2024, 10, 23), D(2024, 11, 22)),  # 23 November 2024 is a Saturday
        (D(2025, 1, 31), D(2025, 2, 28)),  # February has no 31st: its last day
        (D(2025, 12, 9), D(2025, 12, 30)),  # 9 January 2026 is a day off: back into 2025
    ],
)
def test_without_a_deadline_the_default_term_is_one_calendar_month(issued_on, due):
    assert due_dates(instruction(), issued_on=issued_on, calendar=CALENDAR) == [due]


def test_an_instruction_marked_without_deadline_has_no_due_date():
    assert due_dates(
        instruction(without_deadline=True), issued_on=D(2024, 10, 23), calendar=CALENDAR
    ) == [None]


MONTHLY_FROM_23_OCTOBER_2024 = [
    D(2024, 11, 8),  # 10 November is a Sunday
    D(2024, 12, 10),
    D(2025, 1, 10),
    D(2025, 2, 10),
    D(2025, 3, 10),
    D(2025, 4, 10),
    D(2025, 5, 7),  # 10 May Saturday, 9 and 8 May days off
    D(2025, 6, 10),
    D(2025, 7, 10),
    D(2025, 8, 8),  # 10 August is a Sunday
    D(2025, 9, 10),
    D(2025, 10, 10),
]


@pytest.mark.parametrize(
    ("recurrence", "expected"),
    [
        (
            {"kind": "monthly", "description": "ежемесячно, до 10 числа", "day_of_month": 10},
            MONTHLY_FROM_23_OCTOBER_2024,
        ),
        (
            {
                "kind": "quarterly",
                "description": "ежеквартально, до 15 числа месяца, следующего за отчётным",
                "day_of_month": 15,
            },
            [D(2025, 1, 15), D(2025, 4, 15), D(2025, 7, 15), D(2025, 10, 15)],
        ),
    ],
)
def test_a_recurring_instruction_yields_one_assignment_per_period(
    recurrence, expected, db, ministry_admin
):
    protocol = Protocol.objects.create(
        state=Protocol.State.PUBLISHED, number="1", date=D(2024, 10, 23)
    )
    recurring = Instruction.objects.create(
        protocol=protocol,
        position=0,
        code="I.1",
        text="представлять информацию",
        recurrence=recurrence,
        state=Instruction.State.PUBLISHED,
    )
    recurring.regions.set([BELGOROD, MOSCOW])

    result = sync_assignments(
        [recurring], issued_on=protocol.date, calendar=CALENDAR, actor=ministry_admin
    )

    assert len(result.created) == 2 * len(expected)
    for region in (BELGOROD, MOSCOW):
        series = list(
            Assignment.objects.filter(instruction=recurring, region_id=region)
            .order_by("period")
            .values_list("period", "due_date")
        )
        assert series == list(enumerate(expected, start=1))
    # Issuing again changes nothing.
    again = sync_assignments(
        [recurring], issued_on=protocol.date, calendar=CALENDAR, actor=ministry_admin
    )
    assert not (again.created or again.cancelled or again.rescheduled)


# --- derived facts -------------------------------------------------------------------


@pytest.fixture
def at(assignment_in):
    """``at(state, due=…, kind=…)`` → an assignment of Belgorod with that due date."""

    def make(state=S.IN_PROGRESS, *, due=MAY_12, kind="mandatory"):
        return assignment_in(state, due=due, kind=kind)

    return make


def test_overdue_is_derived_from_the_due_date_and_never_stored(at):
    assignment = at(due=D(2025, 5, 12))
    # The due date is the last permitted day.
    assert not assignment.is_overdue(D(2025, 5, 12))
    assert assignment.is_overdue(D(2025, 5, 13))
    assert "overdue" not in S.values


def test_a_submitted_report_is_not_overdue_it_waits_for_the_ministry(at):
    assert not at(S.SUBMITTED, due=D(2025, 5, 12)).is_overdue(D(2025, 5, 13))


@pytest.mark.parametrize("state", [S.ACCEPTED, S.NOT_APPLICABLE, S.CANCELLED])
def test_a_closed_assignment_is_never_overdue(state, at):
    assert not at(state, due=D(2024, 12, 2)).is_overdue(D(2026, 1, 1))


def test_a_recommendation_is_never_overdue(at):
    assert not at(kind="recommendation", due=D(2024, 12, 5)).is_overdue(D(2026, 1, 1))


def test_without_a_due_date_nothing_is_overdue(at):
    assert not at(due=None).is_overdue(D(2026, 1, 1))


def test_working_days_left_count_the_production_calendar(at):
    assignment = at(due=D(2025, 5, 12))
    # 30 April → 12 May 2025: 1–4 and 8–11 May are days off; 5, 6, 7 and 12 May work.
    assert working_days_left(assignment, D(2025, 4, 30), CALENDAR) == 4
    assert working_days_left(assignment, D(2025, 5, 12), CALENDAR) == 0
    assert working_days_left(assignment, D(2025, 5, 14), CALENDAR) == -2
    assert working_days_left(at(due=None), D(2025, 5, 1), CALENDAR) is None
    assert working_days_left(at(S.ACCEPTED), D(2025, 5, 1), CALENDAR) is None


@pytest.mark.parametrize(
    ("state", "due", "today", "expected"),
    [
        (S.IN_PROGRESS, D(2025, 5, 12), D(2025, 5, 13), "overdue"),
        (S.ISSUED, D(2025, 5, 12), D(2025, 5, 12), "this_week"),
        # Across the May holidays five working days reach from 30 April to 12 May.
        (S.RETURNED, D(2025, 5, 12), D(2025, 4, 30), "this_week"),
        (S.ACKNOWLEDGED, D(2025, 5, 12), D(2025, 4, 25), "later"),
        (S.ISSUED, None, D(2025, 4, 25), "later"),
        (S.SUBMITTED, D(2025, 5, 12), D(2025, 6, 1), "done"),  # awaiting the curator
        (S.ACCEPTED, D(2025, 5, 12), D(2025, 6, 1), "done"),
        (S.CANCELLED, D(2025, 5, 12), D(2025, 4, 30), "done"),
    ],
)
def test_urgency_groups_the_operators_home(state, due, today, expected, at):
    assert urgency(at(state, due=due), today, CALENDAR) == expected
    assert expected in URGENCY_LABELS


def test_a_past_recommendation_has_its_own_group_neither_overdue_nor_later(at):
    past = at(kind="recommendation", due=D(2024, 12, 5))
    assert urgency(past, D(2025, 1, 1), CALENDAR) == "recommendation_past"
    # Before its date a recommendation is grouped by the date like any other.
    assert urgency(past, D(2024, 12, 2), CALENDAR) == "this_week"


# --- how the due date is worded, and shared over regions --------------------------------


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (Due(D(2024, 11, 22)), "до 22 ноября 2024 г."),
        (Due(None), "без срока"),
        (
            Due(D(2024, 12, 10), "ежемесячно, до 10 числа"),
            "до 10 декабря 2024 г. (ежемесячно, до 10 числа)",
        ),
    ],
)
def test_a_due_date_is_worded_the_same_on_every_surface(due, expected):
    assert due.label == expected


def test_a_periodicity_chosen_in_review_gets_its_day():
    chosen = {"kind": "monthly", "description": "ежемесячно", "day_of_month": 5}
    assert periodicity(instruction(recurrence=chosen)) == "ежемесячно, до 5 числа"
    written = {
        "kind": "quarterly",
        "description": "ежеквартально, до 15 числа.",
        "day_of_month": 15,
    }
    assert periodicity(instruction(recurrence=written)) == "ежеквартально, до 15 числа"
    assert periodicity(instruction()) == ""


def test_the_shared_due_date_is_the_one_most_regions_are_held_to():
    extended = D(2024, 12, 28)
    assert shared_due_date([D(2024, 11, 22)] * 3 + [extended, None]) == D(2024, 11, 22)
    assert shared_due_date([extended]) == extended  # one region: its own date
    assert shared_due_date([None, None]) is None


def test_a_granted_extension_outlasts_a_correction_unless_the_new_term_is_later():
    granted = D(2024, 12, 28)
    assert due_after_extension(D(2024, 11, 22), granted) == granted
    assert due_after_extension(D(2025, 1, 20), granted) == D(2025, 1, 20)
    assert due_after_extension(D(2024, 11, 22), None) == D(2024, 11, 22)
