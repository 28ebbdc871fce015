"""The sample protocol published, with a known execution picture, for control tests.

States are set directly (the life cycle has its own tests): four regions of III.1 with
reports and answers, one of V.1, the rest left as issued. The sample's dates lie in 2024,
so every open assignment is overdue on any later «today».
"""

from __future__ import annotations

import datetime as dt

import pytest

BELGOROD, MOSCOW, TYVA, TATARSTAN = "31", "77", "17", "16"
QUOTA = [
    {"key": "quota", "label": "Квота слушателей", "type": "number", "required": True},
    {"key": "completed", "label": "Завершили обучение", "type": "number", "required": True},
    {"key": "done", "label": "Квота выполнена", "type": "yes_no", "required": False},
]


@pytest.fixture
def published(ready_draft, ministry_admin, curator):
    from protokol.protocols.models import Instruction
    from protokol.publication.publishing import publish

    ready_draft.default_curator = curator
    ready_draft.save(update_fields=["default_curator"])
    Instruction.objects.filter(protocol=ready_draft, code="V.1").update(report_template=QUOTA)
    publish(ready_draft, ministry_admin)
    ready_draft.refresh_from_db()
    return ready_draft


def _report(
    assignment,
    user,
    number=1,
    *,
    decision="",
    answers=None,
    text="Исполнено.",
    kind="final",
    when=None,
):
    from django.utils import timezone

    from protokol.assignments.models import Report

    report = Report.objects.create(
        assignment=assignment,
        number=number,
        kind=kind,
        text=text,
        answers=answers or {},
        submitted_by=user,
        decision=decision,
        decided_at=timezone.now() if decision else None,
    )
    if when is not None:
        Report.objects.filter(pk=report.pk).update(submitted_at=when)
    return report


@pytest.fixture
def executed(published, operator_a, operator_b, curator):
    """I.1: Belgorod accepted (on time), Moscow submitted, Tyva returned; V.1: answers."""
    from django.utils import timezone

    from protokol.assignments.models import Assignment

    S = Assignment.State

    def get(code, region):
        return Assignment.objects.get(
            instruction__protocol=published, instruction__code=code, region_id=region, period=0
        )

    moscow_time = timezone.get_current_timezone()
    early = dt.datetime(2024, 11, 20, 12, tzinfo=moscow_time)
    a = get("I.1", BELGOROD)
    _report(a, operator_a, decision="accepted", when=early)
    Assignment.objects.filter(pk=a.pk).update(state=S.ACCEPTED)
    b = get("I.1", MOSCOW)
    _report(b, operator_b)
    Assignment.objects.filter(pk=b.pk).update(state=S.SUBMITTED)
    c = get("I.1", TYVA)
    _report(c, operator_a, decision="returned")
    Assignment.objects.filter(pk=c.pk).update(state=S.RETURNED)
    v_belgorod = get("V.1", BELGOROD)
    _report(
        v_belgorod,
        operator_a,
        decision="accepted",
        answers={"quota": 120, "completed": 100, "done": True},
    )
    Assignment.objects.filter(pk=v_belgorod.pk).update(state=S.ACCEPTED)
    v_moscow = get("V.1", MOSCOW)
    _report(v_moscow, operator_b, answers={"quota": 300, "completed": 310, "done": False})
    Assignment.objects.filter(pk=v_moscow.pk).update(state=S.SUBMITTED)
    v_tatarstan = get("V.1", TATARSTAN)
    _report(
        v_tatarstan,
        operator_a,
        answers={"quota": 50, "completed": 20, "done": False},
        decision="returned",
    )
    _report(v_tatarstan, operator_a, number=2, answers={"quota": 50, "completed": 45, "done": True})
    Assignment.objects.filter(pk=v_tatarstan.pk).update(state=S.SUBMITTED)
    return published


@pytest.fixture
def grow(operator_a, curator):
    """``grow(protocol)`` adds rows everywhere a page reads: a second protocol with three
    instructions for all 89 regions, reports, returned and accepted ones — so a query-count
    test can show the count does not depend on the number of rows."""
    from protokol.assignments.models import Assignment, ExtensionRequest, Report
    from protokol.protocols.models import Instruction, Protocol
    from protokol.regions.models import Region

    def make(protocol=None):
        other = Protocol.objects.create(
            state=Protocol.State.PUBLISHED,
            number="Д05-2/05пр",
            date=dt.date(2024, 11, 5),
            title="совещания о практической подготовке",
        )
        codes = list(Region.objects.values_list("code", flat=True))
        for position in range(3):
            instruction = Instruction.objects.create(
                protocol=other,
                position=position,
                code=f"I.{position + 1}",
                number=str(position + 1),
                text="обеспечить участие обучающихся в практике",
                deadline_date=dt.date(2024, 12, 10),
                curator=curator,
                state=Instruction.State.PUBLISHED,
                all_regions=True,
                report_template=QUOTA,
            )
            Assignment.objects.bulk_create(
                Assignment(instruction=instruction, region_id=code, due_date=dt.date(2024, 12, 10))
                for code in codes
            )
        targets = list(
            Assignment.objects.filter(region_id__in=codes[:40], reports__isnull=True).order_by(
                "pk"
            )[:200]
        )
        for n, assignment in enumerate(targets):
            decision = ("accepted", "returned", "")[n % 3]
            Report.objects.create(
                assignment=assignment,
                number=1,
                text="Практика организована.",
                answers={"quota": n, "completed": n},
                submitted_by=operator_a,
                decision=decision,
            )
            state = {"accepted": "accepted", "returned": "returned", "": "submitted"}[decision]
            Assignment.objects.filter(pk=assignment.pk).update(state=state)
            if n % 7 == 0:
                ExtensionRequest.objects.create(
                    assignment=assignment,
                    requested_date=dt.date(2025, 1, 20),
                    reason="Нужны данные работодателей.",
                    requested_by=operator_a,
                )
        return other

    return make
