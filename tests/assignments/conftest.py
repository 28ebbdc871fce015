"""Execution fixtures: small hand-made assignments in any state (the sample published is
``published`` of tests/conftest.py).

The sample (1,550 assignments) shows the real journey; the parametrised transition tests
use ``assignment_in`` — one protocol, one instruction, one Belgorod assignment — because
eighty publications of the sample would test nothing more and take minutes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from tests.factories import SAMPLE_DATE, make_instruction, make_protocol, make_report

if TYPE_CHECKING:
    from protokol.assignments.models import Assignment
    from protokol.protocols.models import Instruction

BELGOROD, MOSCOW, TYVA = "31", "77", "17"
# III.1 of the sample (SAMPLE_DATE, 23 October 2024) is due on 28 December 2024.


@pytest.fixture
def belgorod_iii_1(published) -> Assignment:
    """Белгородская область's assignment of III.1 (appoint the heads of ЦОПП)."""
    from protokol.assignments.models import Assignment

    return Assignment.objects.select_related("instruction", "region").get(
        instruction__protocol=published, instruction__code="III.1", region_id=BELGOROD
    )


@pytest.fixture
def clock(monkeypatch):
    """``clock(date)`` puts the extension rules' «today» (Moscow) on that date."""
    from protokol.assignments import extensions

    def set_today(day: dt.date) -> None:
        monkeypatch.setattr(extensions, "_today", lambda: day)

    set_today(dt.date(2024, 11, 1))
    return set_today


@pytest.fixture
def small_protocol(db, curator):
    """``small_protocol(regions=[…], kind=…, template=…, date=…)`` → one published
    instruction addressed to those regions, with its assignments."""

    def make(
        regions=(BELGOROD,),
        *,
        kind="mandatory",
        template=None,
        date=SAMPLE_DATE,
        due=dt.date(2024, 12, 2),
    ) -> Instruction:
        return make_instruction(
            make_protocol(date=date),
            regions=regions,
            due=due,
            kind=kind,
            report_template=template or [],
            curator=curator,
        )

    return make


@pytest.fixture
def assignment_in(small_protocol, operator_a, curator):
    """``assignment_in(state)`` → Belgorod's assignment brought into ``state`` with the
    reports a real history would have left (a pending report when submitted, …)."""
    from protokol.assignments.models import Assignment, Report

    def make(state: str, **options) -> Assignment:
        instruction = small_protocol(**options)
        assignment = instruction.assignments.get()
        S = Assignment.State
        report_kind = {
            S.SUBMITTED: (Report.Kind.FINAL, ""),
            S.RETURNED: (Report.Kind.FINAL, Report.Decision.RETURNED),
            S.ACCEPTED: (Report.Kind.FINAL, Report.Decision.ACCEPTED),
            S.NOT_APPLICABLE: (Report.Kind.NOT_APPLICABLE, Report.Decision.ACCEPTED),
        }.get(state)
        if report_kind is not None:
            kind, decision = report_kind
            make_report(
                assignment,
                operator_a,
                kind=kind,
                text="Руководитель ЦОПП назначен.",
                decision=decision,
                decided_by=curator if decision else None,
            )
        assignment.state = state
        assignment.save(update_fields=["state"])
        return Assignment.objects.select_related("instruction", "region").get(pk=assignment.pk)

    return make
