"""Execution fixtures: the sample published, and small hand-made assignments in any state.

The sample (1,550 assignments) shows the real journey; the parametrised transition tests
use ``assignment_in`` — one protocol, one instruction, one Belgorod assignment — because
eighty publications of the sample would test nothing more and take minutes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from protokol.assignments.models import Assignment
    from protokol.protocols.models import Protocol

BELGOROD, MOSCOW, TYVA = "31", "77", "17"
# The sample's dates: the protocol of 23 October 2024; III.1 is due on 28 December 2024.
SAMPLE_DATE = dt.date(2024, 10, 23)


@pytest.fixture
def published(ready_draft, ministry_admin, curator) -> Protocol:
    """The sample protocol published, its instructions under the ``curator`` persona."""
    from protokol.publication.publishing import publish

    ready_draft.default_curator = curator
    ready_draft.save(update_fields=["default_curator"])
    publish(ready_draft, ministry_admin)
    ready_draft.refresh_from_db()
    return ready_draft


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
    from protokol.assignments.models import Assignment
    from protokol.protocols.models import Instruction, Protocol

    def make(
        regions=(BELGOROD,),
        *,
        kind="mandatory",
        template=None,
        date=SAMPLE_DATE,
        due=dt.date(2024, 12, 2),
    ) -> Instruction:
        protocol = Protocol.objects.create(
            state=Protocol.State.PUBLISHED, number="Д05-1/05пр", date=date, title="совещания"
        )
        instruction = Instruction.objects.create(
            protocol=protocol,
            position=0,
            code="V.1",
            number="1",
            text="обеспечить контроль за выполнением квоты по количеству слушателей",
            kind=kind,
            deadline_date=due,
            report_template=template or [],
            curator=curator,
            state=Instruction.State.PUBLISHED,
        )
        Assignment.objects.bulk_create(
            Assignment(instruction=instruction, region_id=code, due_date=due) for code in regions
        )
        return instruction

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
            Report.objects.create(
                assignment=assignment,
                number=1,
                kind=kind,
                text="Руководитель ЦОПП назначен.",
                submitted_by=operator_a,
                decision=decision,
                decided_by=curator if decision else None,
            )
        assignment.state = state
        assignment.save(update_fields=["state"])
        return Assignment.objects.select_related("instruction", "region").get(pk=assignment.pk)

    return make
