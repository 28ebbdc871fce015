"""The sample protocol published, with a known execution picture, for control tests.

States are set directly (the life cycle has its own tests): four regions of III.1 with
reports and answers, one of V.1, the rest left as issued. The sample's dates lie in 2024,
so every open assignment is overdue on any later «today».
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import make_instruction, make_protocol, make_report, publish_sample

BELGOROD, MOSCOW, TYVA, TATARSTAN = "31", "77", "17", "16"
QUOTA = [
    {"key": "quota", "label": "Квота слушателей", "type": "number", "required": True},
    {"key": "completed", "label": "Завершили обучение", "type": "number", "required": True},
    {"key": "done", "label": "Квота выполнена", "type": "yes_no", "required": False},
]


@pytest.fixture
def published(ready_draft, ministry_admin, curator):
    """The sample published under ``curator``, V.1 asking the ``QUOTA`` form."""
    return publish_sample(ready_draft, ministry_admin, curator=curator, templates={"V.1": QUOTA})


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
    make_report(a, operator_a, decision="accepted", submitted_at=early)
    Assignment.objects.filter(pk=a.pk).update(state=S.ACCEPTED)
    b = get("I.1", MOSCOW)
    make_report(b, operator_b)
    Assignment.objects.filter(pk=b.pk).update(state=S.SUBMITTED)
    c = get("I.1", TYVA)
    make_report(c, operator_a, decision="returned")
    Assignment.objects.filter(pk=c.pk).update(state=S.RETURNED)
    v_belgorod = get("V.1", BELGOROD)
    make_report(
        v_belgorod,
        operator_a,
        decision="accepted",
        answers={"quota": 120, "completed": 100, "done": True},
    )
    Assignment.objects.filter(pk=v_belgorod.pk).update(state=S.ACCEPTED)
    v_moscow = get("V.1", MOSCOW)
    make_report(v_moscow, operator_b, answers={"quota": 300, "completed": 310, "done": False})
    Assignment.objects.filter(pk=v_moscow.pk).update(state=S.SUBMITTED)
    v_tatarstan = get("V.1", TATARSTAN)
    make_report(
        v_tatarstan,
        operator_a,
        answers={"quota": 50, "completed": 20, "done": False},
        decision="returned",
    )
    make_report(
        v_tatarstan, operator_a, number=2, answers={"quota": 50, "completed": 45, "done": True}
    )
    Assignment.objects.filter(pk=v_tatarstan.pk).update(state=S.SUBMITTED)
    return published


@pytest.fixture
def grow(operator_a, curator):
    """``grow(protocol)`` adds rows everywhere a page reads: a second protocol with three
    instructions for all 89 regions, reports, returned and accepted ones — so a query-count
    test can show the count does not depend on the number of rows."""
    from protokol.assignments.models import Assignment, ExtensionRequest
    from protokol.regions.models import Region

    def make(protocol=None):
        other = make_protocol(
            "Д05-2/05пр", date=dt.date(2024, 11, 5), title="совещания о практической подготовке"
        )
        codes = list(Region.objects.values_list("code", flat=True))
        for position in range(3):
            make_instruction(
                other,
                position=position,
                code=f"I.{position + 1}",
                text="обеспечить участие обучающихся в практике",
                due=dt.date(2024, 12, 10),
                regions=codes,
                curator=curator,
                all_regions=True,
                report_template=QUOTA,
            )
        targets = list(
            Assignment.objects.filter(region_id__in=codes[:40], reports__isnull=True).order_by(
                "pk"
            )[:200]
        )
        for n, assignment in enumerate(targets):
            decision = ("accepted", "returned", "")[n % 3]
            make_report(
                assignment,
                operator_a,
                text="Практика организована.",
                answers={"quota": n, "completed": n},
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
