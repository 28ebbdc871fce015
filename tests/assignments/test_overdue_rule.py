"""The one rule of overdue and executed (``Assignment``'s docstring): its Python form and its
SQL form agree on every case, and no other place in ``src/`` re-derives it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from protokol.assignments.models import Assignment, ExtensionRequest, Report
from protokol.assignments.states import WITH_REGION_STATES

D = dt.date
S = Assignment.State
DAY = D(2025, 5, 14)  # a Wednesday; the neighbouring days are working days too
EFFECTIVE_DUE = {"before": D(2025, 5, 13), "on": DAY, "after": D(2025, 5, 15), "none": None}
# The stated term a granted extension moves from: well before DAY, so without the
# extension every such assignment would be past its term.
STATED = D(2025, 5, 6)
MOSCOW = dt.timezone(dt.timedelta(hours=3))

CASES = [
    (state, kind, relation, extended)
    for state in S.values
    for kind in ("mandatory", "recommendation")
    for relation in EFFECTIVE_DUE
    # Only a mandatory instruction's dated assignment can be granted an extension.
    for extended in ((False, True) if kind == "mandatory" and relation != "none" else (False,))
]


@pytest.fixture
def make(small_protocol, operator_a, curator):
    """``make(state, kind, relation, extended)`` → an assignment whose *effective* due date
    stands in ``relation`` to ``DAY``, through a granted extension when ``extended``."""
    from protokol.assignments import extensions

    def build(state, kind, relation, extended) -> Assignment:
        due = EFFECTIVE_DUE[relation]
        assignment = small_protocol(kind=kind, due=STATED if extended else due).assignments.get()
        if extended:
            request = ExtensionRequest.objects.create(
                assignment=assignment,
                requested_date=due,
                previous_due_date=STATED,
                reason="Нужны данные работодателей.",
                requested_by=operator_a,
            )
            extensions.decide_extension(request, curator, approve=True)
        Assignment.objects.filter(pk=assignment.pk).update(state=state)
        return Assignment.objects.select_related("instruction").get(pk=assignment.pk)

    return build


@pytest.mark.parametrize(("state", "kind", "relation", "extended"), CASES)
def test_the_python_and_sql_forms_of_overdue_agree(make, state, kind, relation, extended):
    assignment = make(state, kind, relation, extended)
    assert assignment.due_date == EFFECTIVE_DUE[relation]  # the extension moved the date
    python = assignment.is_overdue(DAY)
    sql = Assignment.objects.overdue(DAY).filter(pk=assignment.pk).exists()
    annotated = bool(Assignment.objects.with_overdue(DAY).get(pk=assignment.pk).overdue)
    # The rule, read off the docstring: mandatory, with the region, effective due before D.
    expected = kind == "mandatory" and state in WITH_REGION_STATES and relation == "before"
    assert python == sql == annotated == expected


@pytest.fixture
def reported(make, operator_a):
    """``reported(state, sent, extended=…)`` → a mandatory assignment due on ``DAY``
    (through an extension when asked) with a final report sent at ``sent``, accepted when
    the assignment is accepted."""

    def build(state, sent: dt.datetime, *, extended=False) -> Report:
        assignment = make(state, "mandatory", "on", extended)
        report = Report.objects.create(
            assignment=assignment,
            number=1,
            text="Исполнено.",
            submitted_by=operator_a,
            decision=Report.Decision.ACCEPTED if state == S.ACCEPTED else "",
        )
        Report.objects.filter(pk=report.pk).update(submitted_at=sent)
        return Report.objects.select_related("assignment").get(pk=report.pk)

    return build


# Moscow moments around the end of the due day: the date is Moscow's, not UTC's.
SENT = {
    "days before": (dt.datetime(2025, 5, 12, 10, tzinfo=MOSCOW), False),
    "late on the due day": (dt.datetime(2025, 5, 14, 23, 30, tzinfo=MOSCOW), False),
    "just after midnight": (dt.datetime(2025, 5, 15, 0, 30, tzinfo=MOSCOW), True),
}


@pytest.mark.parametrize("sent", SENT)
@pytest.mark.parametrize("state", [S.ACCEPTED, S.SUBMITTED])
@pytest.mark.parametrize("extended", [False, True])
def test_executed_on_time_and_late_agree_with_the_report_sent_after_the_deadline(
    reported, sent, state, extended
):
    from protokol.assignments.querysets import submitted_after_deadline_q

    moment, late = SENT[sent]
    report = reported(state, moment, extended=extended)
    assert report.submitted_after_deadline is late
    assert Report.objects.filter(submitted_after_deadline_q(), pk=report.pk).exists() is late
    on_time = Assignment.objects.executed_on_time().filter(pk=report.assignment_id).exists()
    executed_late = Assignment.objects.executed_late().filter(pk=report.assignment_id).exists()
    # Only an accepted assignment is executed; a report waiting for the ministry is neither.
    assert (on_time, executed_late) == ((not late, late) if state == S.ACCEPTED else (False, False))


# --- no other place re-derives the rule ----------------------------------------------------

SRC = Path(__file__).resolve().parents[2] / "src" / "protokol"
# The rule's home. The extraction package is pure and judges *stated* deadlines against
# the document's date (parse warnings), not assignments against today.
HOME = {"assignments/models.py", "assignments/querysets.py", "core/clock.py"}
EXEMPT_DIRS = ("extraction/", "migrations/")

# A value that is «today» (or now) in any spelling the code base uses.
TODAY = r"(?:today|on|now|_?today\(\)|moscow_today\(\)|timezone\.(?:localdate|now)\(\)|(?:dt\.)?date\.today\(\)|now\.date\(\))"
# A due date: due, due_date, assignment.due_date, row["due_date"], effective_due, …
DUE = r"(?:[\w.]*\.)?(?:\w*_)?due(?:_date)?(?:\[[^\]]+\])?|\w+\[\"due_date\"\]"
REDERIVATIONS = [
    # ORM: strictly before a day is the shape of «term passed» whatever the right side.
    re.compile(r"due_date__lt\s*="),
    re.compile(rf"due_date__lte\s*=\s*{TODAY}\b"),
    # Python or templates: a due date before today, or today after a due date.
    re.compile(rf"(?<![\w.])(?:{DUE})\s*<=?\s*{TODAY}(?![\w(])"),
    re.compile(rf"(?<![\w.]){TODAY}\s*>=?\s*(?:{DUE})(?![\w(])"),
]
# Reading «today» is the clock's job (so tests and the rule share one day).
RAW_TODAY = re.compile(r"timezone\.localdate\(\)|\bdate\.today\(\)")


def rederivations(line: str) -> bool:
    return any(pattern.search(line) for pattern in REDERIVATIONS)


@pytest.mark.parametrize(
    "line",
    [
        'overdue=Count("pk", filter=Q(state__in=WITH_REGION, due_date__lt=on)),',
        "return Q(state__in=WITH_REGION, due_date__lt=on)",
        "if due_date is not None and due_date < on:",
        "if today > due:",
        "overdue = [a for a in _open_dated() if a.due_date < today]",
        "{% if assignment.due_date < today %}late{% endif %}",
        'late = row["due_date"] <= timezone.localdate()',
        "assignments.filter(due_date__lte=today)",
        "if moscow_today() >= effective_due:",
    ],
)
def test_the_grep_catches_the_shapes_of_a_rederived_overdue(line):
    assert rederivations(line)


@pytest.mark.parametrize(
    "line",
    [
        "assignments.filter(due_date__gte=since, due_date__lte=until)",  # a period filter
        "assignments.filter(due_date__lte=due_to)",  # the API's date filter
        'week=Count("pk", filter=Q(due_date__gte=on, due_date__lte=sunday)),',  # due this week
        '.order_by("due_date", "instruction_id")',
        '<td>{{ assignment.due_date|date:"d.m.Y" }}</td>',
        "if new_date <= due:",  # an extension must move the date later
        "late = sent is None or sent > due",  # when a report came, not today
        "if today == due:",  # the due day's reminder
    ],
)
def test_the_grep_leaves_legitimate_uses_of_due_dates_alone(line):
    assert not rederivations(line)


def _scanned() -> list[tuple[str, int, str]]:
    lines = []
    for path in sorted([*SRC.rglob("*.py"), *SRC.rglob("*.html"), *SRC.rglob("*.txt")]):
        name = path.relative_to(SRC).as_posix()
        if name in HOME or name.startswith(EXEMPT_DIRS) or "/migrations/" in name:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            lines.append((name, number, line))
    return lines


def test_no_other_place_compares_a_due_date_with_today():
    found = [f"{name}:{number}: {line.strip()}" for name, number, line in _scanned()
             if rederivations(line)]  # fmt: skip
    assert not found, (
        "Overdue is re-derived outside assignments/models.py and querysets.py — call "
        "Assignment.is_overdue(on), AssignmentQuerySet.overdue(on) or overdue_q(on):\n"
        + "\n".join(found)
    )


# The apps that judge assignments against today.
CONTROL_APPS = ("assignments/", "dashboards/", "exports/", "api/", "notifications/")


def test_the_control_apps_read_today_from_the_one_clock():
    found = [f"{name}:{number}: {line.strip()}" for name, number, line in _scanned()
             if name.startswith(CONTROL_APPS) and RAW_TODAY.search(line)]  # fmt: skip
    assert not found, "Use protokol.core.clock.moscow_today():\n" + "\n".join(found)


# Each consumer of the rule, and what it must call.
CONSUMERS = {
    "dashboards/progress.py": "overdue_q(",  # protocol matrix, map, exports' counts
    "dashboards/department.py": "overdue_q(",
    "dashboards/rating.py": "overdue_q(",  # rating and region card
    "dashboards/views.py": ".overdue(",  # the region card's overdue list
    "api/schemas.py": ".is_overdue(",
    "api/routes/assignments.py": ".overdue(",
    "assignments/deadlines.py": ".is_overdue(",  # the operator's urgency groups
    "notifications/reminders.py": ".is_overdue(",
}


@pytest.mark.parametrize("module", CONSUMERS)
def test_every_consumer_calls_the_rule(module):
    assert CONSUMERS[module] in (SRC / module).read_text(encoding="utf-8")
