"""The reminder planner and runner: right days, right people, each notice exactly once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from protokol.notifications import reminders
from protokol.notifications.models import Notification, NotificationPreference
from protokol.workcalendar.calendar import production_calendar
from tests.notifications.conftest import moscow

DUE = dt.date(2026, 12, 10)  # a Thursday
PUBLISHED = moscow(dt.date(2026, 11, 26), 15)


def _run(at: dt.datetime) -> reminders.ReminderRun:
    with time_machine.travel(at, tick=False):
        return reminders.run_reminders()


def notices():
    """Per-assignment notices (the Monday digests are tested on their own)."""
    return Notification.objects.exclude(kind="digest")


def _kinds(user) -> list[tuple[str, str]]:
    return sorted(
        (n.kind, n.created_at.astimezone(reminders.MOSCOW).date().isoformat())
        for n in notices().filter(recipient=user)
    )


def test_it_plans_reminders_at_7_3_1_working_days_the_due_day_and_each_overdue_day(db):
    calendar = production_calendar()
    moments = []
    moment = PUBLISHED
    for _ in range(7):
        moment = reminders.next_reminder_time(DUE, moment, calendar)
        moments.append(moment)
    assert [m.date() for m in moments] == [
        dt.date(2026, 12, 1),  # 7 working days before
        dt.date(2026, 12, 7),  # 3 — the weekend is skipped
        dt.date(2026, 12, 9),  # 1
        DUE,  # the due day
        dt.date(2026, 12, 11),  # overdue, every working day
        dt.date(2026, 12, 14),
        dt.date(2026, 12, 15),
    ]
    assert all(m.hour == 9 and m.utcoffset() == dt.timedelta(hours=3) for m in moments)


def test_running_the_scheduler_twice_over_the_same_frozen_clock_sends_each_reminder_once(
    controlled, operators
):
    operator_a, operator_b = operators
    controlled(DUE)
    _run(PUBLISHED)  # plans; nothing is due yet
    assert not notices().exists()
    day = dt.date(2026, 11, 27)
    while day <= dt.date(2026, 12, 14):
        first = _run(moscow(day, 9, 30))
        second = _run(moscow(day, 9, 30))
        assert second.queued == 0 and second.claimed == 0 and second.digests == 0
        assert first.queued >= 0
        day += dt.timedelta(days=1)
    expected = [
        ("due_today", "2026-12-10"),
        ("overdue", "2026-12-11"),
        ("overdue", "2026-12-14"),
        ("reminder", "2026-12-01"),
        ("reminder", "2026-12-07"),
        ("reminder", "2026-12-09"),
    ]
    assert _kinds(operator_a) == expected
    assert _kinds(operator_b) == expected


def test_reminder_text_is_russian_with_working_days_left(controlled, operators):
    operator_a, _ = operators
    controlled(DUE, regions=("31",))
    _run(PUBLISHED)
    _run(moscow(dt.date(2026, 12, 7), 10))
    notice = notices().get(recipient=operator_a)
    assert notice.kind == "reminder"
    assert "3 рабочих дня" in notice.subject
    assert "10 декабря 2026 г." in notice.subject
    assert "Белгородская область" in notice.body
    # Worded as on every other surface (assignments.due.Due).
    assert "Срок: до 10 декабря 2026 г. (время московское)." in notice.body
    assert notice.region_id == "31"


def test_a_region_is_reminded_only_of_its_own_assignments(controlled, operators):
    operator_a, operator_b = operators
    controlled(DUE, regions=("31",))
    _run(PUBLISHED)
    _run(moscow(dt.date(2026, 12, 1), 10))
    assert notices().filter(recipient=operator_a).count() == 1
    assert not notices().filter(recipient=operator_b).exists()


def test_closed_submitted_and_recommendation_assignments_are_not_reminded(controlled, operators):
    from protokol.assignments.models import Assignment
    from protokol.protocols.models import Instruction

    accepted, submitted = controlled(DUE)
    accepted.state = Assignment.State.ACCEPTED
    accepted.save()
    submitted.state = Assignment.State.SUBMITTED
    submitted.save()
    (recommended,) = controlled(DUE, regions=("31",))
    Instruction.objects.filter(pk=recommended.instruction_id).update(
        kind=Instruction.Kind.RECOMMENDATION
    )
    _run(PUBLISHED)
    _run(moscow(dt.date(2026, 12, 1), 10))
    assert not notices().exists()


def test_a_worker_killed_mid_batch_resumes_and_sends_everything_exactly_once(
    controlled, operators, monkeypatch
):
    assignments = controlled(DUE, n=5)  # 10 assignments, one operator each
    _run(PUBLISHED)
    calls = {"n": 0}

    def crash_on_the_fourth(assignment):
        calls["n"] += 1
        if calls["n"] == 4:
            raise SystemExit("worker killed")

    monkeypatch.setattr(reminders, "after_claim", crash_on_the_fourth)
    with pytest.raises(SystemExit):
        _run(moscow(dt.date(2026, 12, 1), 10))
    # The three committed claims are kept; the fourth rolled back with its notice.
    assert notices().count() == 3
    monkeypatch.setattr(reminders, "after_claim", lambda assignment: None)
    rerun = _run(moscow(dt.date(2026, 12, 1), 10, 5))
    assert rerun.claimed == 7
    assert notices().count() == len(assignments) == 10
    per_assignment = notices().values_list("assignment_id", flat=True)
    assert sorted(per_assignment) == sorted(a.pk for a in assignments)


def test_a_stopped_worker_sends_the_missed_reminder_once_when_it_comes_back(controlled, operators):
    operator_a, _ = operators
    controlled(DUE, regions=("31",))
    _run(PUBLISHED)
    _run(moscow(dt.date(2026, 12, 2), 11))  # the 7-day reminder was due yesterday
    _run(moscow(dt.date(2026, 12, 2), 12))
    (notice,) = notices().filter(recipient=operator_a)
    assert "6 рабочих дней" in notice.subject


def test_a_moved_due_date_is_planned_afresh(controlled, operators):
    from protokol.assignments.models import Assignment

    operator_a, _ = operators
    (assignment,) = controlled(DUE, regions=("31",))
    _run(PUBLISHED)
    # What an approved extension or a corrected publication does: a new date, no schedule.
    Assignment.objects.filter(pk=assignment.pk).update(
        due_date=dt.date(2026, 12, 24), next_reminder_at=None
    )
    _run(moscow(dt.date(2026, 11, 30), 10))
    _run(moscow(dt.date(2026, 12, 1), 10))  # 7 days before the *old* date: nothing
    assert not notices().exists()
    _run(moscow(dt.date(2026, 12, 15), 10))  # 7 working days before 24 December
    assert _kinds(operator_a) == [("reminder", "2026-12-15")]


def test_people_who_chose_the_digest_get_no_per_assignment_reminders(controlled, operators):
    operator_a, operator_b = operators
    NotificationPreference.objects.create(user=operator_a, mode="digest")
    controlled(DUE)
    _run(PUBLISHED)
    _run(moscow(dt.date(2026, 12, 1), 10))
    assert not notices().filter(recipient=operator_a).exists()
    assert notices().filter(recipient=operator_b).count() == 1


def test_weekly_digests_go_to_curator_admins_and_each_region_about_its_own_debts(
    controlled, operators, curator, ministry_admin
):
    operator_a, operator_b = operators
    controlled(dt.date(2026, 12, 3), regions=("31",))  # overdue for Белгородская область
    controlled(dt.date(2026, 12, 24), regions=("77",))  # upcoming for Москва
    _run(PUBLISHED)  # plans the digests for Monday 30 November
    monday = moscow(dt.date(2026, 12, 7), 9, 1)
    _run(monday)
    _run(monday)
    digests = Notification.objects.filter(kind="digest")
    curator_digest = digests.get(recipient=curator)
    assert "1 просроченное поручение" in curator_digest.subject
    assert "Белгородская область" in curator_digest.body
    assert digests.filter(recipient=ministry_admin).count() == 1
    region_a = digests.get(recipient=operator_a)
    region_b = digests.get(recipient=operator_b)
    assert region_a.region_id == "31" and region_b.region_id == "77"
    assert "П-1" in region_a.body and "П-2" not in region_a.body
    assert "П-2" in region_b.body and "П-1" not in region_b.body
    assert "просрочено 1" in region_a.subject
    # A week later: once more, not twice.
    _run(moscow(dt.date(2026, 12, 14), 9, 1))
    assert digests.filter(recipient=operator_a).count() == 2


def test_remind_command_dry_run_prints_and_changes_nothing(controlled, operators, capsys):
    controlled(DUE, regions=("31",))
    _run(PUBLISHED)
    _run(moscow(dt.date(2026, 11, 30), 10))  # Monday: the weekly digests go out
    with time_machine.travel(moscow(dt.date(2026, 12, 1), 10), tick=False):
        call_command("remind", "--dry-run")
        out = capsys.readouterr().out
        assert "belgorod@example.ru" in out
        assert "Было бы отправлено: 1 уведомление" in out
        assert not notices().exists()
        call_command("remind")
        assert "Поставлено в очередь: 1 уведомление" in capsys.readouterr().out
        assert notices().count() == 1
