"""Builders of the object graphs the tests need, in one place; fixtures call them.

Users, protocols, instructions, assignments and reports are made here with defaults a real
history would have, so a test states only what it is about. Django is imported inside the
functions: the pure extraction tests import nothing of this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from protokol.accounts.models import User
    from protokol.assignments.models import Assignment, Report
    from protokol.protocols.models import Instruction, Protocol

PASSWORD = "пароль-для-тестов"
# The sample protocol's date: 23 October 2024.
SAMPLE_DATE = dt.date(2024, 10, 23)


def make_user(username: str, role: str, region_code: str | None = None) -> User:
    """A person of ``role`` (an operator of ``region_code``), named after ``username``."""
    from protokol.accounts.models import Role, User

    return User.objects.create_user(
        username=username,
        password=PASSWORD,
        role=role,
        region_id=region_code,
        last_name=username.capitalize(),
        first_name="Анна",
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )


def make_protocol(
    number: str = "Д05-1/05пр", *, date: dt.date = SAMPLE_DATE, title: str = "совещания"
) -> Protocol:
    """A published protocol with no instructions yet."""
    from protokol.protocols.models import Protocol

    return Protocol.objects.create(
        state=Protocol.State.PUBLISHED, number=number, date=date, title=title
    )


def letter_requisites(day: dt.date) -> dict[str, Any]:
    """The cover letter's requisites publication needs, the letter dated ``day``."""
    return {
        "letter_number": "05-777",
        "letter_date": day,
        "letter_signatory_position": "И.о. директора Департамента",
        "letter_signatory": "Софронова М.И.",
        "letter_executor": "Мелихова С.Е.",
        "letter_executor_phone": "(495) 587-01-10, доб. 3378",
    }


def make_draft(
    instructions: int = 1,
    *,
    deadline: dt.date | None = None,
    all_regions: bool = True,
    regions: Iterable[str] = (),
    **fields: Any,
) -> Protocol:
    """A draft with nothing left to block it: dated today, its letter's requisites filled,
    ``instructions`` mandatory instructions (I.1, I.2, …) to all regions (or ``regions``)
    due ``deadline`` — a month from today by default."""
    from protokol.core.clock import moscow_today
    from protokol.protocols.models import Instruction, Protocol

    today = moscow_today()
    values = {
        "number": "Д05-7/05пр",
        "date": today,
        "title": "совещания с регионами",
        **letter_requisites(today),
        **fields,
    }
    protocol = Protocol.objects.create(**values)
    for position in range(instructions):
        instruction = Instruction.objects.create(
            protocol=protocol,
            position=position,
            code=f"I.{position + 1}",
            number=str(position + 1),
            text=f"обеспечить исполнение мероприятия № {position + 1} по развитию СПО",
            deadline_date=deadline or today + dt.timedelta(days=30),
            all_regions=all_regions,
        )
        instruction.regions.set(list(regions))
    return protocol


def make_instruction(
    protocol: Protocol,
    *,
    position: int = 0,
    code: str = "V.1",
    text: str = "обеспечить контроль за выполнением квоты по количеству слушателей",
    due: dt.date | None = None,
    regions: Iterable[str] = (),
    **fields: Any,
) -> Instruction:
    """A published instruction of ``protocol`` (its number is the code's last part) and,
    for each of ``regions``, its assignment due on ``due``."""
    from protokol.protocols.models import Instruction

    instruction = Instruction.objects.create(
        protocol=protocol,
        position=position,
        code=code,
        number=code.rsplit(".", 1)[-1],
        text=text,
        deadline_date=due,
        state=Instruction.State.PUBLISHED,
        **fields,
    )
    make_assignments(instruction, regions, due)
    return instruction


def make_assignments(
    instruction: Instruction, regions: Iterable[str], due: dt.date | None
) -> list[Assignment]:
    from protokol.assignments.models import Assignment

    return Assignment.objects.bulk_create(
        Assignment(instruction=instruction, region_id=code, due_date=due) for code in regions
    )


def make_report(
    assignment: Assignment,
    user: User,
    number: int = 1,
    *,
    kind: str = "final",
    text: str = "Исполнено.",
    answers: dict[str, Any] | None = None,
    decision: str = "",
    decided_by: User | None = None,
    submitted_at: dt.datetime | None = None,
) -> Report:
    """A report as the region sent it, with the curator's ``decision`` if there is one;
    ``submitted_at`` back-dates it (the column is set on insert)."""
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
        decided_by=decided_by,
        decided_at=timezone.now() if decision else None,
    )
    if submitted_at is not None:
        Report.objects.filter(pk=report.pk).update(submitted_at=submitted_at)
        report.submitted_at = submitted_at
    return report


def review_sample(draft: Protocol, admin: User) -> Protocol:
    """The reviewer's two decisions on the imported sample: the default term for the
    instructions without one, and III.2 (conditional) addressed to all regions."""
    from protokol.protocols.review import apply_default_terms, update_instruction

    apply_default_terms(draft, admin)
    update_instruction(draft.instructions.get(code="III.2"), {"all_regions": True}, None, admin)
    return draft


def publish_sample(
    draft: Protocol,
    admin: User,
    *,
    curator: User | None = None,
    templates: dict[str, list[dict[str, Any]]] | None = None,
    regions: list[str] | None = None,
) -> Protocol:
    """Publish the reviewed sample: under ``curator`` if given, with report ``templates``
    by instruction code, to ``regions`` only if given (else as reviewed)."""
    from protokol.protocols.review import update_instruction
    from protokol.publication.publishing import publish
    from protokol.publication.sample import SAMPLE_ACCEPTANCE

    if curator is not None:
        draft.default_curator = curator
        draft.save(update_fields=["default_curator"])
    for code, template in (templates or {}).items():
        draft.instructions.filter(code=code).update(report_template=template)
    if regions is not None:
        for instruction in draft.instructions.all():
            update_instruction(instruction, {"all_regions": False}, regions, admin)
    publish(draft, admin, SAMPLE_ACCEPTANCE)
    draft.refresh_from_db()
    return draft
