"""The life cycle of an assignment: every legal and illegal move of the transition table,
who may make it, versioned reports, extensions, and the closing of an instruction."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from protokol.assignments import extensions, lifecycle, reporting
from protokol.assignments.lifecycle import (
    TRANSITIONS,
    ActionForbidden,
    ChangedMeanwhile,
    TransitionRefused,
)
from protokol.assignments.models import Assignment, Comment, ExtensionRequest, Report
from protokol.core.models import Event
from protokol.notifications.models import Notification
from protokol.protocols.models import Instruction

from .conftest import BELGOROD, MOSCOW, TYVA

D = dt.date
S = Assignment.State
ALL_STATES = list(S.values)


def _pending_report(assignment: Assignment) -> Report:
    return assignment.reports.order_by("-number").first()


def perform(action: str, assignment: Assignment, operator, curator):
    """Take ``action`` the way its UI button does, as the person entitled to it."""
    if action == "acknowledge":
        return lifecycle.acknowledge(assignment, operator)
    if action == "start":
        return lifecycle.start_work(assignment, operator)
    if action == "submit":
        return reporting.submit_report(assignment, operator, text="Руководитель назначен.")
    if action == "interim":
        return reporting.submit_report(
            assignment, operator, text="Идёт отбор кандидатов.", kind=Report.Kind.INTERIM
        )
    if action == "not_applicable":
        return reporting.mark_not_applicable(
            assignment, operator, justification="В регионе нет ЦОПП."
        )
    if action == "extension":
        return extensions.request_extension(
            assignment, operator, new_date=D(2024, 12, 20), reason="Конкурс на должность."
        )
    if action == "comment":
        return reporting.add_comment(assignment, operator, "Уточните форму отчёта.")
    if action in {"accept", "return"}:
        report = _pending_report(assignment) or Report.objects.create(
            # An illegal attempt still needs a report to point at.
            assignment=assignment,
            number=1,
            text="—",
            submitted_by=operator,
        )
        if action == "accept":
            return reporting.accept_report(report, curator)
        return reporting.return_report(report, curator, comment="Приложите приказ.")
    if action == "decide_extension":
        request = ExtensionRequest.objects.create(
            assignment=assignment,
            requested_date=D(2024, 12, 20),
            previous_due_date=assignment.due_date,
            reason="Конкурс",
            requested_by=operator,
        )
        return extensions.decide_extension(request, curator, approve=True)
    raise AssertionError(action)


LEGAL = [(action, state) for action, moves in TRANSITIONS.items() for state in moves]
ILLEGAL = [
    (action, state) for action, moves in TRANSITIONS.items() for state in S if state not in moves
]


@pytest.mark.parametrize(("action", "state"), LEGAL)
def test_every_legal_transition_leads_where_the_table_says(
    action, state, assignment_in, operator_a, curator, clock
):
    assignment = assignment_in(state)
    events_before = Event.objects.count()

    perform(action, assignment, operator_a, curator)

    assignment.refresh_from_db()
    assert assignment.state == TRANSITIONS[action][state]
    if action == "comment":  # not a transition: the version stays, an event is still written
        assert assignment.version == 0
    else:
        assert assignment.version == 1
        event = Event.objects.filter(verb__startswith="assignment.").latest("id")
        assert event.before == {"state": state}
        assert event.after["state"] == assignment.state
        assert event.region_code == BELGOROD
    assert Event.objects.count() > events_before


@pytest.mark.parametrize(("action", "state"), ILLEGAL)
def test_every_illegal_transition_is_refused_and_changes_nothing(
    action, state, assignment_in, operator_a, curator, clock
):
    assignment = assignment_in(state)
    events_before = Event.objects.count()
    reports_before = Report.objects.count()

    with pytest.raises(TransitionRefused) as refused:
        perform(action, assignment, operator_a, curator)

    assert not isinstance(refused.value, ActionForbidden | ChangedMeanwhile)
    assert refused.value.message.endswith(".")
    assert any("а" <= ch <= "я" for ch in refused.value.message)
    assignment.refresh_from_db()
    assert (assignment.state, assignment.version) == (state, 0)
    assert Event.objects.count() == events_before
    # An illegal accept/return needed a report to point at; nothing else was added.
    assert Report.objects.count() <= reports_before + (action in {"accept", "return"})


def test_the_table_knows_every_state_and_the_final_states_lead_nowhere():
    for moves in TRANSITIONS.values():
        assert set(moves) <= set(S.values)
    for final in (S.ACCEPTED, S.NOT_APPLICABLE, S.CANCELLED):
        assert {action for action, moves in TRANSITIONS.items() if final in moves} <= {"comment"}


def test_it_rejects_a_report_after_acceptance_and_says_what_is_possible(assignment_in, operator_a):
    assignment = assignment_in(S.ACCEPTED)
    with pytest.raises(TransitionRefused) as refused:
        reporting.submit_report(assignment, operator_a, text="Ещё одна версия")
    assert refused.value.message == (
        "Отчёт уже принят: изменить его нельзя, поручение снято с контроля. "
        "Сейчас можно: оставить комментарий."
    )


def test_a_refusal_in_a_working_state_lists_the_actions_still_open(assignment_in, operator_a):
    assignment = assignment_in(S.IN_PROGRESS)
    with pytest.raises(TransitionRefused) as refused:
        lifecycle.acknowledge(assignment, operator_a)
    message = refused.value.message
    assert message.startswith("Получение поручения уже подтверждено. Сейчас можно: ")
    assert "направить отчёт" in message
    assert "запросить перенос срока" in message


def test_a_cancelled_assignment_accepts_nothing_not_even_a_comment(
    assignment_in, operator_a, curator
):
    assignment = assignment_in(S.CANCELLED)
    for call in (
        lambda: reporting.add_comment(assignment, operator_a, "Почему отменено?"),
        lambda: reporting.add_comment(assignment, curator, "Отозвано."),
        lambda: reporting.submit_report(assignment, operator_a, text="Исполнено"),
    ):
        with pytest.raises(TransitionRefused, match="отменено министерством"):
            call()
    assert lifecycle.allowed_actions(assignment, operator_a) == frozenset()


# --- who may act ---------------------------------------------------------------------


def test_only_an_operator_of_the_assignments_region_acts_for_it(
    assignment_in, operator_b, ministry_admin, curator, observer
):
    assignment = assignment_in(S.ISSUED)
    for user in (operator_b, ministry_admin, curator, observer):
        with pytest.raises(ActionForbidden):
            lifecycle.acknowledge(assignment, user)
        assert "acknowledge" not in lifecycle.allowed_actions(assignment, user)
    for user in (operator_b, observer):
        with pytest.raises(ActionForbidden):
            reporting.submit_report(assignment, user, text="Исполнено")
        assert "submit" not in lifecycle.allowed_actions(assignment, user)
    assignment.refresh_from_db()
    assert assignment.state == S.ISSUED


def test_the_curator_enters_a_report_on_the_regions_behalf(assignment_in, curator):
    """A region that answered by letter: its curator enters the report for it."""
    from protokol.core.models import Event

    assignment = assignment_in(S.ISSUED)
    assert {"submit", "interim"} <= lifecycle.allowed_actions(assignment, curator)
    report = reporting.submit_report(
        assignment, curator, text="По письму региона от 20.12.2024 № 01-15/123: назначен."
    )
    assignment.refresh_from_db()
    assert assignment.state == S.SUBMITTED
    assert report.submitted_by == curator
    event = Event.objects.filter(verb="assignment.report_submitted").latest("pk")
    assert "(от имени региона)" in event.summary


def test_only_the_instructions_curator_or_an_administrator_decides(
    assignment_in, operator_a, ministry_admin, observer, django_user_model
):
    other_curator = django_user_model.objects.create_user("curator2", role="curator")
    assignment = assignment_in(S.SUBMITTED)
    report = _pending_report(assignment)
    for user in (operator_a, other_curator, observer):
        with pytest.raises(ActionForbidden, match="куратор"):
            reporting.accept_report(report, user)
        assert lifecycle.allowed_actions(assignment, user) <= {"comment"} | (
            {"submit"} if user == operator_a else set()
        )
    reporting.accept_report(report, ministry_admin, comment="Принято администратором.")
    assignment.refresh_from_db()
    assert assignment.state == S.ACCEPTED


def test_allowed_actions_are_what_the_page_may_offer(
    assignment_in, operator_a, curator, operator_b
):
    issued = assignment_in(S.ISSUED)
    assert lifecycle.allowed_actions(issued, operator_a) == {
        "acknowledge", "start", "submit", "interim", "not_applicable", "extension", "comment",
    }  # fmt: skip
    assert lifecycle.allowed_actions(issued, curator) == {"submit", "interim", "comment"}
    assert lifecycle.allowed_actions(issued, operator_b) == frozenset()

    submitted = assignment_in(S.SUBMITTED)
    assert lifecycle.allowed_actions(submitted, operator_a) == {"comment"}
    assert lifecycle.allowed_actions(submitted, curator) == {"accept", "return", "comment"}

    ExtensionRequest.objects.create(
        assignment=issued, requested_date=D(2024, 12, 20), reason="—", requested_by=operator_a
    )
    assert "extension" not in lifecycle.allowed_actions(issued, operator_a)
    assert "decide_extension" in lifecycle.allowed_actions(issued, curator)


# --- optimistic locking --------------------------------------------------------------


def test_a_stale_page_gets_changed_meanwhile_and_nothing_is_lost(assignment_in, operator_a):
    assignment = assignment_in(S.ISSUED)
    lifecycle.acknowledge(assignment, operator_a, version=0)
    with pytest.raises(ChangedMeanwhile) as changed:
        reporting.submit_report(assignment, operator_a, text="С устаревшей страницы", version=0)
    assert changed.value.message.startswith("Поручение изменено другим пользователем")
    assert "обновите страницу" in changed.value.message
    assert not Report.objects.exists()
    report = reporting.submit_report(assignment, operator_a, text="После обновления", version=1)
    assert report.number == 1


# --- reports -------------------------------------------------------------------------


def test_reports_are_versioned_and_never_overwritten(assignment_in, operator_a, curator):
    assignment = assignment_in(S.ISSUED)
    first = reporting.submit_report(assignment, operator_a, text="Назначен исполняющий обязанности")
    reporting.return_report(first, curator, comment="Нужен руководитель, не и.о.")
    second = reporting.submit_report(assignment, operator_a, text="Назначен руководитель")
    reporting.accept_report(second, curator, comment="Спасибо")

    reports = list(assignment.reports.order_by("number"))
    assert [(r.number, r.text, r.decision, r.decision_comment) for r in reports] == [
        (1, "Назначен исполняющий обязанности", "returned", "Нужен руководитель, не и.о."),
        (2, "Назначен руководитель", "accepted", "Спасибо"),
    ]
    assert all(r.decided_by == curator and r.decided_at for r in reports)
    assignment.refresh_from_db()
    assert assignment.state == S.ACCEPTED and assignment.closed_at is not None
    assert assignment.version == 4
    verbs = list(Event.objects.for_object(assignment).order_by("id").values_list("verb", flat=True))
    assert verbs == [
        "assignment.report_submitted",
        "assignment.report_returned",
        "assignment.report_submitted",
        "assignment.report_accepted",
    ]


def test_submitting_from_issued_acknowledges_implicitly(assignment_in, operator_a):
    assignment = assignment_in(S.ISSUED)
    reporting.submit_report(assignment, operator_a, text="Исполнено")
    assignment.refresh_from_db()
    assert assignment.state == S.SUBMITTED
    assert assignment.acknowledged_at is not None


def test_an_empty_report_is_refused(assignment_in, operator_a):
    assignment = assignment_in(S.IN_PROGRESS)
    with pytest.raises(TransitionRefused, match="Отчёт пуст"):
        reporting.submit_report(assignment, operator_a, text="   ")


def test_a_decision_concerns_the_latest_version_only(assignment_in, operator_a, curator):
    assignment = assignment_in(S.ISSUED)
    first = reporting.submit_report(assignment, operator_a, text="Первая")
    reporting.return_report(first, curator, comment="Доработайте")
    reporting.submit_report(assignment, operator_a, text="Вторая")
    with pytest.raises(TransitionRefused, match="решение уже принято"):
        reporting.accept_report(first, curator)


def test_returning_needs_a_comment(assignment_in, curator):
    assignment = assignment_in(S.SUBMITTED)
    with pytest.raises(TransitionRefused, match="комментарий обязателен"):
        reporting.return_report(_pending_report(assignment), curator, comment=" ")
    assignment.refresh_from_db()
    assert assignment.state == S.SUBMITTED


def test_an_interim_report_is_recorded_notified_and_never_decided(
    assignment_in, operator_a, curator
):
    assignment = assignment_in(S.ACKNOWLEDGED)
    report = reporting.submit_report(
        assignment, operator_a, text="Кандидат отобран", kind=Report.Kind.INTERIM
    )
    assignment.refresh_from_db()
    assert assignment.state == S.IN_PROGRESS
    assert report.kind == Report.Kind.INTERIM and not report.is_pending
    assert Notification.objects.filter(
        recipient=curator, kind=Notification.Kind.SUBMITTED, assignment=assignment
    ).exists()
    with pytest.raises(TransitionRefused, match="Промежуточный отчёт не принимается"):
        reporting.accept_report(report, curator)
    assert "accept" not in lifecycle.allowed_actions(assignment, curator)


def test_not_applicable_needs_a_justification_and_the_curators_confirmation(
    assignment_in, operator_a, curator
):
    assignment = assignment_in(S.ISSUED)
    with pytest.raises(TransitionRefused, match="обоснование"):
        reporting.mark_not_applicable(assignment, operator_a, justification="")
    claim = reporting.mark_not_applicable(
        assignment, operator_a, justification="ЦОПП в регионе не создан."
    )
    assignment.refresh_from_db()
    assert (claim.kind, assignment.state) == (Report.Kind.NOT_APPLICABLE, S.SUBMITTED)
    reporting.accept_report(claim, curator)
    assignment.refresh_from_db()
    assert assignment.state == S.NOT_APPLICABLE


def test_a_returned_not_applicable_claim_reopens_the_work(assignment_in, operator_a, curator):
    assignment = assignment_in(S.ISSUED)
    claim = reporting.mark_not_applicable(assignment, operator_a, justification="Нет ЦОПП.")
    reporting.return_report(claim, curator, comment="ЦОПП создан в 2023 году.")
    assignment.refresh_from_db()
    assert assignment.state == S.RETURNED
    assert "submit" in lifecycle.allowed_actions(assignment, operator_a)


def test_structured_answers_are_validated_and_stored_clean(small_protocol, operator_a):
    from protokol.assignments.answers import AnswersInvalid
    from protokol.protocols.report_template import TEMPLATE_PRESETS

    instruction = small_protocol(template=TEMPLATE_PRESETS["copp_head"]["fields"])
    assignment = instruction.assignments.get()
    with pytest.raises(AnswersInvalid) as invalid:
        reporting.submit_report(assignment, operator_a, text="", answers={"head": "Иванов"})
    assert set(invalid.value.errors) == {"head", "order_date"}
    report = reporting.submit_report(
        assignment,
        operator_a,
        text="",
        answers={"head": "Петрова  Анна Сергеевна", "order_date": "16.12.2024", "x": 1},
    )
    assert report.answers == {"head": "Петрова А.С.", "order_date": "2024-12-16"}


# --- recommendations -----------------------------------------------------------------


def test_a_recommendation_may_be_reported_on_but_needs_no_extension(
    assignment_in, operator_a, curator, clock
):
    assignment = assignment_in(S.ISSUED, kind=Instruction.Kind.RECOMMENDATION)
    assert "extension" not in lifecycle.allowed_actions(assignment, operator_a)
    with pytest.raises(TransitionRefused, match="рекомендация"):
        extensions.request_extension(
            assignment, operator_a, new_date=D(2024, 12, 20), reason="Не успеваем"
        )
    assert not assignment.is_overdue(D(2026, 1, 1))
    report = reporting.submit_report(assignment, operator_a, text="Публикации размещены")
    reporting.accept_report(report, curator)
    assignment.refresh_from_db()
    assert assignment.state == S.ACCEPTED


# --- extensions ----------------------------------------------------------------------


def test_extension_approved_moves_the_due_date_to_the_previous_working_day(
    assignment_in, operator_a, curator, clock
):
    assignment = assignment_in(S.IN_PROGRESS, due=D(2025, 4, 30))
    Assignment.objects.filter(pk=assignment.pk).update(
        next_reminder_at=dt.datetime(2025, 4, 25, 9, tzinfo=dt.UTC)
    )
    clock(D(2025, 4, 20))
    # 9 May 2025 is Victory Day and 8 May a moved day off: the last working day is 7 May.
    request = extensions.request_extension(
        assignment, operator_a, new_date=D(2025, 5, 9), reason="Ждём приказ губернатора."
    )
    assert request.previous_due_date == D(2025, 4, 30)
    assert request.decision == ExtensionRequest.Decision.PENDING
    assert Notification.objects.filter(
        recipient=curator, kind=Notification.Kind.EXTENSION_REQUESTED
    ).exists()

    extensions.decide_extension(request, curator, approve=True, comment="Согласовано.")

    assignment.refresh_from_db()
    request.refresh_from_db()
    assert assignment.due_date == D(2025, 5, 7)
    assert assignment.next_reminder_at is None  # the reminder planner recomputes it
    assert request.decision == ExtensionRequest.Decision.APPROVED
    assert request.decided_by == curator
    event = Event.objects.for_object(assignment).latest("id")
    assert event.verb == "assignment.extension_approved"
    assert event.after["due_date"] == "2025-05-07"
    assert event.after["due_date_before"] == "2025-04-30"
    assert Notification.objects.filter(
        recipient=operator_a, kind=Notification.Kind.EXTENSION_DECIDED
    ).exists()


def test_extension_rejected_keeps_the_due_date(assignment_in, operator_a, curator, clock):
    assignment = assignment_in(S.ISSUED)
    request = extensions.request_extension(
        assignment, operator_a, new_date=D(2024, 12, 20), reason="Отпуск."
    )
    extensions.decide_extension(request, curator, approve=False, comment="Срок не переносится.")
    assignment.refresh_from_db()
    request.refresh_from_db()
    assert assignment.due_date == D(2024, 12, 2)
    assert request.decision == ExtensionRequest.Decision.REJECTED
    with pytest.raises(TransitionRefused, match="решение уже принято"):
        extensions.decide_extension(request, curator, approve=True)
    # Rejected, the region may ask again.
    extensions.request_extension(assignment, operator_a, new_date=D(2024, 12, 13), reason="Иначе.")


def test_an_extension_asked_late_after_signing_is_exceptional(
    assignment_in, operator_a, clock, settings
):
    settings.PROTOKOL_EXTENSION_NORMAL_DAYS = 10
    on_time = assignment_in(S.ISSUED)
    clock(D(2024, 11, 2))  # 10 days after 23 October
    assert not extensions.request_extension(
        on_time, operator_a, new_date=D(2024, 12, 20), reason="—"
    ).exceptional
    late = assignment_in(S.ISSUED)
    clock(D(2024, 11, 3))  # 11 days
    request = extensions.request_extension(late, operator_a, new_date=D(2024, 12, 20), reason="—")
    assert request.exceptional
    assert Event.objects.for_object(late).latest("id").after["exceptional"] is True


@pytest.mark.parametrize(
    ("new_date", "message"),
    [
        (D(2024, 12, 2), "позже текущего (2 декабря 2024 г.)"),
        (D(2024, 11, 20), "позже текущего"),
        # A Saturday right after a Friday due date would move back onto that Friday.
        (D(2024, 12, 7), None),
    ],
)
def test_the_requested_date_must_be_later_than_the_due_date(
    new_date, message, assignment_in, operator_a, clock
):
    assignment = assignment_in(S.ISSUED, due=D(2024, 12, 6))
    if message is None:
        with pytest.raises(TransitionRefused, match="нерабочий день"):
            extensions.request_extension(assignment, operator_a, new_date=new_date, reason="—")
        return
    assignment = assignment_in(S.ISSUED)
    with pytest.raises(TransitionRefused, match=re.escape(message)):
        extensions.request_extension(assignment, operator_a, new_date=new_date, reason="—")


def test_one_pending_extension_request_at_a_time(assignment_in, operator_a, clock):
    assignment = assignment_in(S.ISSUED)
    extensions.request_extension(assignment, operator_a, new_date=D(2024, 12, 20), reason="—")
    with pytest.raises(TransitionRefused, match="уже на рассмотрении"):
        extensions.request_extension(assignment, operator_a, new_date=D(2024, 12, 27), reason="—")
    assert assignment.extension_requests.count() == 1


def test_accepting_settles_a_pending_extension_request(assignment_in, operator_a, curator, clock):
    assignment = assignment_in(S.ISSUED)
    request = extensions.request_extension(
        assignment, operator_a, new_date=D(2024, 12, 20), reason="—"
    )
    report = reporting.submit_report(assignment, operator_a, text="Успели в срок")
    reporting.accept_report(report, curator)
    request.refresh_from_db()
    assert request.decision == ExtensionRequest.Decision.REJECTED
    assert "снято с контроля" in request.decision_comment


# --- closing the instruction ---------------------------------------------------------


def test_the_instruction_closes_with_its_last_open_assignment(
    small_protocol, operator_a, curator, django_user_model
):
    instruction = small_protocol(regions=(BELGOROD, MOSCOW, TYVA))
    belgorod, moscow, tyva = (
        instruction.assignments.get(region_id=c) for c in (BELGOROD, MOSCOW, TYVA)
    )
    operator_moscow = django_user_model.objects.create_user("m2", role="operator", region_id=MOSCOW)
    Assignment.objects.filter(pk=tyva.pk).update(state=S.CANCELLED)

    reporting.accept_report(reporting.submit_report(belgorod, operator_a, text="Да"), curator)
    interim = reporting.submit_report(
        moscow, operator_moscow, text="В работе", kind=Report.Kind.INTERIM
    )
    instruction.refresh_from_db()
    assert interim.kind == Report.Kind.INTERIM
    assert instruction.state == Instruction.State.PUBLISHED  # an interim report never closes
    assert not reporting.instruction_executed(instruction)

    claim = reporting.mark_not_applicable(moscow, operator_moscow, justification="Нет ЦОПП")
    reporting.accept_report(claim, curator)

    instruction.refresh_from_db()
    assert instruction.state == Instruction.State.CLOSED
    assert reporting.instruction_executed(instruction)
    closed = Event.objects.get(verb="instruction.closed")
    assert closed.after == {"state": "closed"}


def test_an_instruction_without_assignments_is_not_executed(small_protocol):
    instruction = small_protocol(regions=())
    assert not reporting.instruction_executed(instruction)


# --- many at once --------------------------------------------------------------------


def test_bulk_accept_accepts_identical_answers_of_many_regions(
    small_protocol, curator, django_user_model
):
    instruction = small_protocol(regions=(BELGOROD, MOSCOW))
    reports = []
    for assignment in instruction.assignments.all():
        operator = django_user_model.objects.create_user(
            f"op{assignment.region_id}", role="operator", region_id=assignment.region_id
        )
        reports.append(reporting.submit_report(assignment, operator, text="Квота выполнена"))
    assert reporting.bulk_accept(reports, curator) == 2
    assert set(instruction.assignments.values_list("state", flat=True)) == {S.ACCEPTED}
    instruction.refresh_from_db()
    assert instruction.state == Instruction.State.CLOSED


def test_bulk_accept_is_all_or_nothing(small_protocol, curator, operator_a, django_user_model):
    instruction = small_protocol(regions=(BELGOROD, MOSCOW))
    belgorod = instruction.assignments.get(region_id=BELGOROD)
    moscow = instruction.assignments.get(region_id=MOSCOW)
    operator_moscow = django_user_model.objects.create_user("m3", role="operator", region_id=MOSCOW)
    good = reporting.submit_report(belgorod, operator_a, text="Да")
    interim = reporting.submit_report(
        moscow, operator_moscow, text="Пока нет", kind=Report.Kind.INTERIM
    )
    with pytest.raises(TransitionRefused):
        reporting.bulk_accept([good, interim], curator)
    good.refresh_from_db()
    belgorod.refresh_from_db()
    assert good.decision == "" and belgorod.state == S.SUBMITTED
    assert not Event.objects.filter(verb="assignment.report_accepted").exists()


# --- notifications and comments -------------------------------------------------------


def test_decisions_are_notified_to_the_regions_operators(assignment_in, operator_a, curator):
    assignment = assignment_in(S.SUBMITTED)
    reporting.return_report(_pending_report(assignment), curator, comment="Нужен приказ.")
    returned = Notification.objects.get(recipient=operator_a, kind=Notification.Kind.RETURNED)
    assert "Нужен приказ." in returned.body
    report = reporting.submit_report(assignment, operator_a, text="Приказ приложен")
    assert (
        Notification.objects.filter(recipient=curator, kind=Notification.Kind.SUBMITTED).count()
        == 1
    )
    reporting.accept_report(report, curator)
    assert Notification.objects.filter(
        recipient=operator_a, kind=Notification.Kind.ACCEPTED, assignment=assignment
    ).exists()


def test_comments_keep_the_version_and_are_audited(assignment_in, operator_a, curator, operator_b):
    assignment = assignment_in(S.IN_PROGRESS)
    reporting.add_comment(assignment, curator, "Приложите, пожалуйста, приказ.")
    reporting.add_comment(assignment, operator_a, "Приложим.")
    with pytest.raises(ActionForbidden):
        reporting.add_comment(assignment, operator_b, "Чужой регион")
    with pytest.raises(TransitionRefused, match="пуст"):
        reporting.add_comment(assignment, operator_a, "  ")
    assert list(Comment.objects.values_list("text", flat=True)) == [
        "Приложите, пожалуйста, приказ.",
        "Приложим.",
    ]
    assignment.refresh_from_db()
    assert assignment.version == 0
    assert Event.objects.filter(verb="assignment.commented", region_code=BELGOROD).count() == 2


# --- the real sample -----------------------------------------------------------------


def test_belgorod_executes_iii_1_of_the_sample_end_to_end(
    belgorod_iii_1, operator_a, curator, published
):
    from protokol.protocols.report_template import TEMPLATE_PRESETS

    instruction = belgorod_iii_1.instruction
    instruction.report_template = TEMPLATE_PRESETS["copp_head"]["fields"]
    instruction.save(update_fields=["report_template"])
    # 28 December 2024 is a Saturday, but a working one (ПП от 10.08.2023 № 1314).
    assert belgorod_iii_1.due_date == D(2024, 12, 28)
    assert instruction.curator == curator

    lifecycle.acknowledge(belgorod_iii_1, operator_a, version=0)
    report = reporting.submit_report(
        belgorod_iii_1,
        operator_a,
        text="Руководитель ЦОПП Белгородской области назначен.",
        answers={"head": "Смирнова Е.В.", "order_date": "2024-12-10", "order_number": "12-к"},
        version=1,
    )
    reporting.accept_report(report, curator)

    belgorod_iii_1.refresh_from_db()
    assert belgorod_iii_1.state == S.ACCEPTED
    instruction.refresh_from_db()
    assert instruction.state == Instruction.State.PUBLISHED  # 22 more regions to go
    history = Event.objects.for_object(belgorod_iii_1).visible_to(operator_a)
    assert [e.verb for e in history.order_by("id")][-3:] == [
        "assignment.acknowledged",
        "assignment.report_submitted",
        "assignment.report_accepted",
    ]
    # Another region's operator sees none of it.
    other = Event.objects.for_object(belgorod_iii_1).filter(region_code=MOSCOW)
    assert not other.exists()
