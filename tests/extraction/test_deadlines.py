"""Deadline wording → dates (DOMAIN.md §1–2); the protocol of 23 October 2024 is the base."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protokol.extraction.config import ExtractionConfig
from protokol.extraction.deadlines import (
    add_months,
    find_deadlines,
    format_date_ru,
    is_deadline_line,
    recurrence_due_dates,
)
from protokol.extraction.model import Deadline, Recurrence
from protokol.extraction.workdays import ProductionCalendar

MEETING = dt.date(2024, 10, 23)
CONFIG = ExtractionConfig()
CALENDAR = ProductionCalendar()


def only(text: str, *, document_date: dt.date | None = MEETING, **config: Any) -> Deadline:
    """The single deadline of ``text``; ``config`` overrides ``ExtractionConfig`` fields."""
    found = find_deadlines(text, document_date=document_date, config=ExtractionConfig(**config))
    assert len(found) == 1, found
    return found[0]


# --- explicit dates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stated", "wording"),
    [
        ("до 28 декабря 2024 г.", dt.date(2024, 12, 28), "до 28 декабря 2024 г."),
        ("до 2 декабря 2024г.", dt.date(2024, 12, 2), "до 2 декабря 2024г."),
        ("в срок до 01.12.2024", dt.date(2024, 12, 1), "в срок до 01.12.2024"),
        ("до 01.12.2024 г.", dt.date(2024, 12, 1), "до 01.12.2024 г."),
        ("до 1.12.24", dt.date(2024, 12, 1), "до 1.12.24"),
        ("не позднее 15 января 2025 года", dt.date(2025, 1, 15), "не позднее 15 января 2025 года"),
        ("не позднее 15.01.2025", dt.date(2025, 1, 15), "не позднее 15.01.2025"),
        ("к 1 марта 2025 г.", dt.date(2025, 3, 1), "к 1 марта 2025 г."),
    ],
)
def test_it_reads_an_explicit_date_as_the_last_permitted_day(
    text: str, stated: dt.date, wording: str
) -> None:
    deadline = only(f"Направить информацию в Минпросвещения России {text}.")
    assert deadline.date == stated
    assert deadline.basis == "explicit"
    assert deadline.text == wording
    assert deadline.inherited is False


def test_it_offsets_spans_by_the_position_of_the_text_in_the_document() -> None:
    text = "обеспечить назначение руководителей ЦОПП до 28 декабря 2024 г."
    [deadline] = find_deadlines(text, offset=1000, document_date=MEETING, config=CONFIG)
    start = text.index("до 28")
    assert deadline.span == (1000 + start, 1000 + len(text))
    assert text[deadline.span[0] - 1000 : deadline.span[1] - 1000] == deadline.text


@pytest.mark.parametrize(
    ("text", "stated", "hour"),
    [
        ("до 17-00 27.04.2010", dt.date(2010, 4, 27), dt.time(17, 0)),
        ("до 18:00 (мск) 5 апреля 2025 г.", dt.date(2025, 4, 5), dt.time(18, 0)),
        ("до 5 апреля 2025 г. 18:00", dt.date(2025, 4, 5), dt.time(18, 0)),
    ],
)
def test_it_keeps_the_hour_of_a_deadline(text: str, stated: dt.date, hour: dt.time) -> None:
    deadline = only(f"Представить заявки {text}", document_date=None)
    assert (deadline.date, deadline.time) == (stated, hour)


def test_a_deadline_on_saturday_moves_to_friday() -> None:
    deadline = only("до 5 апреля 2025 г.")
    assert (deadline.date, deadline.due_date) == (dt.date(2025, 4, 5), dt.date(2025, 4, 4))


def test_an_hour_that_does_not_exist_is_dropped_but_the_date_kept() -> None:
    deadline = only("до 25:70 5 апреля 2025 г.")
    assert (deadline.date, deadline.time) == (dt.date(2025, 4, 5), None)


@pytest.mark.parametrize(
    ("text", "document_date", "stated"),
    [
        ("до 15 декабря", dt.date(2024, 10, 23), dt.date(2024, 12, 15)),
        ("до 15 января", dt.date(2024, 10, 23), dt.date(2025, 1, 15)),
        ("до 23 октября", dt.date(2024, 10, 23), dt.date(2024, 10, 23)),
    ],
)
def test_a_date_without_a_year_takes_the_next_occurrence_after_the_document_date(
    text: str, document_date: dt.date, stated: dt.date
) -> None:
    assert only(f"Провести совещание {text}", document_date=document_date).date == stated


def test_a_date_without_a_year_counts_from_the_reference_date_when_the_document_has_none() -> None:
    deadline = only("до 15 января", document_date=None, reference_date=dt.date(2025, 2, 1))
    assert deadline.date == dt.date(2026, 1, 15)


def test_a_date_without_a_year_and_without_any_base_stays_undated() -> None:
    deadline = only("до 15 января", document_date=None)
    assert (deadline.date, deadline.due_date, deadline.text) == (None, None, "до 15 января")


@pytest.mark.parametrize(
    "text",
    ["до 31 ноября 2024 г.", "до 45.13.2024", "до 29.02.2025", "до 31 ноября", "до 1.1.3024"],
)
def test_a_date_that_does_not_exist_is_skipped_without_an_error(text: str) -> None:
    assert find_deadlines(f"Представить отчёт {text}", document_date=MEETING, config=CONFIG) == []


def test_an_interim_report_date_is_a_second_deadline() -> None:
    text = "Срок — до 1 июля 2025 г. (промежуточный отчёт — до 1 марта 2025 г.)"
    final, interim = find_deadlines(text, document_date=MEETING, config=CONFIG)
    assert (final.date, final.text) == (dt.date(2025, 7, 1), "Срок — до 1 июля 2025 г.")
    assert (interim.date, interim.text) == (dt.date(2025, 3, 1), "до 1 марта 2025 г.")
    assert interim.due_date == dt.date(2025, 2, 28)  # 1 March 2025 is a Saturday


# --- stand-alone deadline lines -----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Срок — до 28 декабря 2024 г.",
        "**Срок — до 2 декабря 2024г.**",
        "Срок исполнения – 1 декабря 2024 г.",
        "Срок: 01.12.2024",
        "Срок представления информации — до 15 января 2025 г.",
        "Срок – ежеквартально, до 5 числа месяца, следующего за отчетным",
        "Срок – постоянно",
        "Срок: в течение 10 рабочих дней",
        "  **Сроки исполнения: до 1 марта 2025 г.**  ",
    ],
)
def test_it_recognises_a_deadline_paragraph(line: str) -> None:
    assert is_deadline_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Продлить срок действия договора — до 1 марта 2025 г.",
        "Срок действия договора — 3 года",
        "Сроком на 3 года: заключить договоры",
        "обеспечить явку на стажировки. Срок — до 2 декабря 2024 г.",
        "Срок — до 28 декабря 2024 г.\n2. направить информацию",
        "Срок",
    ],
)
def test_it_does_not_take_other_paragraphs_for_deadline_lines(line: str) -> None:
    assert not is_deadline_line(line)


def test_a_deadline_line_is_worded_by_the_whole_line_without_bold_markers() -> None:
    document = "2. обеспечить явку на стажировки.\n\n**Срок — до 2 декабря 2024г.**\n"
    line_start = document.index("**Срок")
    line = document[line_start:].rstrip("\n")
    [deadline] = find_deadlines(line, offset=line_start, document_date=MEETING, config=CONFIG)
    assert deadline.text == "Срок — до 2 декабря 2024г."
    assert document[deadline.span[0] : deadline.span[1]] == "Срок — до 2 декабря 2024г."


def test_a_deadline_line_with_a_working_day_label_is_read() -> None:
    deadline = only("**Срок исполнения – 1 декабря 2024 г.**")
    assert deadline.text == "Срок исполнения – 1 декабря 2024 г."
    assert (deadline.date, deadline.due_date) == (dt.date(2024, 12, 1), dt.date(2024, 11, 29))


def test_every_deadline_line_of_the_sample_protocol_is_read() -> None:
    sample = Path(__file__).parents[1] / "samples" / "sample_protocol.txt"
    lines = [
        line for line in sample.read_text(encoding="utf-8").splitlines() if is_deadline_line(line)
    ]
    dates = [only(line).date for line in lines]
    assert dates == [
        dt.date(2024, 12, 28),
        dt.date(2024, 12, 28),
        dt.date(2024, 12, 2),
        dt.date(2024, 11, 26),
        dt.date(2024, 12, 28),
        dt.date(2024, 11, 29),
        dt.date(2024, 12, 13),
        dt.date(2024, 12, 1),
    ]


# --- the production calendar -------------------------------------------------------------


def test_a_deadline_on_a_working_saturday_stays_there() -> None:
    deadline = only("**Срок — до 28 декабря 2024 г.**")
    assert deadline.due_date == dt.date(2024, 12, 28)


@pytest.mark.parametrize(
    ("text", "due"),
    [
        # 2024 (ПП № 1314)
        ("до 3 января 2024 г.", dt.date(2023, 12, 29)),
        ("до 23 февраля 2024 г.", dt.date(2024, 2, 22)),
        ("до 8 марта 2024 г.", dt.date(2024, 3, 7)),
        ("до 1 мая 2024 г.", dt.date(2024, 4, 27)),  # working Saturday before 28.04–01.05
        ("до 12 мая 2024 г.", dt.date(2024, 5, 8)),
        ("до 12 июня 2024 г.", dt.date(2024, 6, 11)),
        ("до 4 ноября 2024 г.", dt.date(2024, 11, 2)),  # 2 November 2024 is a working Saturday
        ("до 1 декабря 2024 г.", dt.date(2024, 11, 29)),
        ("до 31 декабря 2024 г.", dt.date(2024, 12, 28)),
        # 2025 (ПП № 1335)
        ("до 8 января 2025 г.", dt.date(2024, 12, 28)),
        ("до 23 февраля 2025 г.", dt.date(2025, 2, 21)),
        ("до 8 марта 2025 г.", dt.date(2025, 3, 7)),
        ("до 4 мая 2025 г.", dt.date(2025, 4, 30)),
        ("до 11 мая 2025 г.", dt.date(2025, 5, 7)),
        ("до 15 июня 2025 г.", dt.date(2025, 6, 11)),
        ("до 4 ноября 2025 г.", dt.date(2025, 11, 1)),  # 1 November 2025 is a working Saturday
        ("до 31 декабря 2025 г.", dt.date(2025, 12, 30)),
        # 2026 (ПП № 1466)
        ("до 11 января 2026 г.", dt.date(2025, 12, 30)),
        ("до 23 февраля 2026 г.", dt.date(2026, 2, 20)),
        ("до 9 марта 2026 г.", dt.date(2026, 3, 6)),
        ("до 1 мая 2026 г.", dt.date(2026, 4, 30)),
        ("до 11 мая 2026 г.", dt.date(2026, 5, 8)),
        ("до 12 июня 2026 г.", dt.date(2026, 6, 11)),
        ("до 4 ноября 2026 г.", dt.date(2026, 11, 3)),
        ("до 31 декабря 2026 г.", dt.date(2026, 12, 30)),
    ],
)
def test_it_moves_a_deadline_on_a_holiday_to_the_previous_working_day(
    text: str, due: dt.date
) -> None:
    assert only(text).due_date == due


def test_an_administrators_day_off_moves_the_deadline_too() -> None:
    calendar = ProductionCalendar({dt.date(2024, 12, 13): False})
    assert only("до 13 декабря 2024 г.", calendar=calendar).due_date == dt.date(2024, 12, 12)


# --- relative terms -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        # 24.10–01.11 and the working Saturday 02.11 are 8 days; 05.11 and 06.11 make 10.
        ("в течение 10 рабочих дней", dt.date(2024, 11, 6)),
        ("в течение десяти рабочих дней", dt.date(2024, 11, 6)),
        ("в течение 5 календарных дней", dt.date(2024, 10, 28)),
        ("в течение 30 дней", dt.date(2024, 11, 22)),
        ("в течение месяца", dt.date(2024, 11, 23)),
        ("в месячный срок", dt.date(2024, 11, 23)),
        ("в двухнедельный срок", dt.date(2024, 11, 6)),
        ("в трёхмесячный срок", dt.date(2025, 1, 23)),
        ("в трехмесячный срок", dt.date(2025, 1, 23)),
        ("в 10-дневный срок", dt.date(2024, 11, 2)),
        ("в течение двух недель", dt.date(2024, 11, 6)),
    ],
)
def test_a_relative_term_counts_from_the_document_date(text: str, stated: dt.date) -> None:
    deadline = only(f"Представить предложения {text} со дня подписания протокола")
    assert (deadline.date, deadline.basis, deadline.text) == (stated, "relative", text)


def test_a_month_from_the_31st_of_january_ends_on_the_last_day_of_february() -> None:
    assert only("в месячный срок", document_date=dt.date(2025, 1, 31)).date == dt.date(2025, 2, 28)
    assert only("в течение месяца", document_date=dt.date(2024, 1, 31)).date == dt.date(2024, 2, 29)


def test_a_month_term_ending_on_a_sunday_is_due_on_friday() -> None:
    deadline = only("в месячный срок")
    assert (deadline.date, deadline.due_date) == (dt.date(2024, 11, 23), dt.date(2024, 11, 22))


def test_a_relative_term_counts_from_the_reference_date_without_a_document_date() -> None:
    deadline = only(
        "в течение 5 календарных дней", document_date=None, reference_date=dt.date(2025, 3, 3)
    )
    assert deadline.date == dt.date(2025, 3, 8)


def test_a_relative_term_without_any_base_date_stays_undated() -> None:
    deadline = only("в течение 10 рабочих дней", document_date=None)
    assert (deadline.date, deadline.due_date, deadline.basis) == (None, None, "relative")


@pytest.mark.parametrize(
    ("text", "basis", "stated"),
    [
        ("Срочно представить сведения", "urgent", dt.date(2024, 10, 26)),
        ("в срочном порядке представить сведения", "urgent", dt.date(2024, 10, 26)),
        ("Оперативно направить информацию", "prompt", dt.date(2024, 11, 2)),
    ],
)
def test_urgent_and_prompt_use_the_configured_terms(text: str, basis: str, stated: dt.date) -> None:
    deadline = only(text)
    assert (deadline.basis, deadline.date) == (basis, stated)


def test_urgent_term_is_a_setting() -> None:
    assert only("срочно", urgent_days=1).date == dt.date(2024, 10, 24)


def test_an_adjective_is_not_an_urgency() -> None:
    text = "обеспечить оперативное информирование обучающихся"
    assert find_deadlines(text, document_date=MEETING, config=CONFIG) == []


# --- periods ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("в I квартале 2025 г.", dt.date(2025, 3, 31)),
        ("до конца II квартала 2025 года", dt.date(2025, 6, 30)),
        ("в IV квартале", dt.date(2024, 12, 31)),
        ("в I квартале", dt.date(2025, 3, 31)),
        ("до конца 2024 года", dt.date(2024, 12, 31)),
        ("до конца года", dt.date(2024, 12, 31)),
        ("во II полугодии 2025 г.", dt.date(2025, 12, 31)),
        ("до конца февраля 2024 г.", dt.date(2024, 2, 29)),
    ],
)
def test_a_period_is_due_on_its_last_day(text: str, stated: dt.date) -> None:
    deadline = only(f"Провести мониторинг {text}")
    assert (deadline.date, deadline.text) == (stated, text)


def test_the_end_of_2024_is_due_on_the_working_saturday_28_december() -> None:
    assert only("до конца 2024 года").due_date == dt.date(2024, 12, 28)


# --- recurring deadlines -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "day_of_month", "first", "first_due"),
    [
        # 10 November 2024 is a Sunday.
        ("ежемесячно", "monthly", 10, dt.date(2024, 11, 10), dt.date(2024, 11, 8)),
        # 5 January 2025 is inside the New Year holidays; 28 December 2024 is a working Saturday.
        (
            "ежеквартально, до 5 числа месяца, следующего за отчётным",
            "quarterly",
            5,
            dt.date(2025, 1, 5),
            dt.date(2024, 12, 28),
        ),
        ("ежеквартально до 10 числа", "quarterly", 10, dt.date(2025, 1, 10), dt.date(2025, 1, 10)),
        ("ежемесячно, не позднее 5-го числа", "monthly", 5, dt.date(2024, 11, 5), None),
        ("ежегодно, до 20 января", "yearly", 20, dt.date(2025, 1, 20), dt.date(2025, 1, 20)),
        ("постоянно", "permanent", None, dt.date(2025, 1, 20), dt.date(2025, 1, 20)),
        ("раз в полугодие", "half_yearly", 10, dt.date(2025, 1, 10), dt.date(2025, 1, 10)),
    ],
)
def test_a_recurring_deadline_is_due_first_after_the_current_period(
    text: str, kind: str, day_of_month: int | None, first: dt.date, first_due: dt.date | None
) -> None:
    deadline = only(f"Представлять информацию {text}")
    assert deadline.recurrence is not None
    assert (deadline.recurrence.kind, deadline.recurrence.day_of_month) == (kind, day_of_month)
    assert deadline.recurrence.description == text
    assert (deadline.basis, deadline.date) == ("recurring", first)
    assert deadline.due_date == (first_due or first)


def test_the_periodic_report_day_is_a_setting() -> None:
    deadline = only("ежемесячно", periodic_report_day=15)
    assert deadline.recurrence is not None
    assert deadline.recurrence.day_of_month == 15


def test_a_yearly_deadline_keeps_its_month() -> None:
    deadline = only("ежегодно, до 1 марта")
    assert deadline.recurrence is not None
    assert (deadline.recurrence.month, deadline.recurrence.day_of_month) == (3, 1)
    assert deadline.date == dt.date(2025, 3, 1)


def test_a_weekly_deadline_falls_on_the_named_weekday() -> None:
    deadline = only("Направлять сведения еженедельно, по пятницам")
    assert deadline.recurrence is not None
    assert (deadline.recurrence.kind, deadline.recurrence.weekday) == ("weekly", 4)
    assert deadline.date == dt.date(2024, 10, 25)


def test_a_permanent_deadline_line_is_read() -> None:
    deadline = only("**Срок – постоянно**")
    assert deadline.text == "Срок – постоянно"
    assert deadline.recurrence is not None
    assert deadline.recurrence.kind == "permanent"


def test_a_permanent_commission_is_not_a_permanent_deadline() -> None:
    text = "создать постоянно действующую комиссию"
    assert find_deadlines(text, document_date=MEETING, config=CONFIG) == []


def test_a_date_followed_by_a_recurrence_is_one_deadline() -> None:
    deadline = only("Представить отчёт до 1 декабря 2024 г., далее — ежемесячно")
    assert deadline.text == "до 1 декабря 2024 г., далее — ежемесячно"
    assert (deadline.date, deadline.due_date) == (dt.date(2024, 12, 1), dt.date(2024, 11, 29))
    assert deadline.basis == "explicit"
    assert deadline.recurrence is not None
    assert deadline.recurrence.kind == "monthly"


def test_a_recurring_deadline_without_any_base_date_is_undated() -> None:
    deadline = only("ежеквартально", document_date=None)
    assert deadline.date is None
    assert deadline.recurrence is not None


def test_monthly_due_dates_move_off_weekends() -> None:
    recurrence = Recurrence("monthly", "ежемесячно", day_of_month=10)
    assert recurrence_due_dates(
        recurrence, start=MEETING, end=dt.date(2025, 3, 31), calendar=CALENDAR
    ) == [
        dt.date(2024, 11, 8),
        dt.date(2024, 12, 10),
        dt.date(2025, 1, 10),
        dt.date(2025, 2, 10),
        dt.date(2025, 3, 10),
    ]


def test_quarterly_due_dates_fall_in_the_month_after_each_quarter() -> None:
    recurrence = Recurrence("quarterly", "ежеквартально", day_of_month=5)
    assert recurrence_due_dates(
        recurrence, start=MEETING, end=dt.date(2025, 12, 31), calendar=CALENDAR
    ) == [
        dt.date(2024, 12, 28),  # 5 January 2025, inside the New Year holidays
        dt.date(2025, 4, 4),
        dt.date(2025, 7, 4),
        dt.date(2025, 10, 3),
        dt.date(2025, 12, 30),  # 5 January 2026; 31 December 2025 is a day off
    ]


def test_a_day_missing_from_a_month_is_its_last_day() -> None:
    recurrence = Recurrence("monthly", "ежемесячно, до 31 числа", day_of_month=31)
    assert recurrence_due_dates(
        recurrence, start=dt.date(2025, 1, 1), end=dt.date(2025, 4, 30), calendar=CALENDAR
    ) == [dt.date(2025, 2, 28), dt.date(2025, 3, 31), dt.date(2025, 4, 30)]


def test_half_yearly_due_dates_fall_in_july_and_january() -> None:
    recurrence = Recurrence("half_yearly", "раз в полугодие", day_of_month=15)
    assert recurrence_due_dates(
        recurrence, start=dt.date(2025, 2, 1), end=dt.date(2026, 1, 31), calendar=CALENDAR
    ) == [dt.date(2025, 7, 15), dt.date(2026, 1, 15)]


def test_yearly_due_dates_repeat_the_stated_day() -> None:
    recurrence = Recurrence("yearly", "ежегодно, до 20 января", day_of_month=20, month=1)
    assert recurrence_due_dates(
        recurrence, start=MEETING, end=dt.date(2027, 1, 31), calendar=CALENDAR
    ) == [dt.date(2025, 1, 20), dt.date(2026, 1, 20), dt.date(2027, 1, 20)]


def test_permanent_instructions_are_reported_by_20_january_of_each_next_year() -> None:
    recurrence = Recurrence("permanent", "постоянно")
    assert recurrence_due_dates(
        recurrence, start=dt.date(2025, 1, 25), end=dt.date(2027, 12, 31), calendar=CALENDAR
    ) == [dt.date(2026, 1, 20), dt.date(2027, 1, 20)]


def test_weekly_due_dates_on_a_holiday_friday_are_merged() -> None:
    recurrence = Recurrence("weekly", "еженедельно, по пятницам", weekday=4)
    # Fridays 2 and 9 January 2026 are holidays: both fall due on Tuesday 30 December 2025.
    assert recurrence_due_dates(
        recurrence, start=dt.date(2025, 12, 22), end=dt.date(2026, 1, 16), calendar=CALENDAR
    ) == [dt.date(2025, 12, 26), dt.date(2025, 12, 30), dt.date(2026, 1, 16)]


def test_an_empty_range_has_no_due_dates() -> None:
    recurrence = Recurrence("monthly", "ежемесячно", day_of_month=10)
    assert (
        recurrence_due_dates(
            recurrence, start=dt.date(2025, 3, 1), end=dt.date(2025, 2, 1), calendar=CALENDAR
        )
        == []
    )


# --- dates in running text ------------------------------------------------------------------


def test_a_date_inside_the_text_is_an_inline_deadline() -> None:
    text = (
        "Рекомендовать органам исполнительной власти субъектов Российской Федерации "
        "присоединиться 5 декабря 2024 года к поздравлениям с Днем добровольца (волонтера)"
    )
    deadline = only(text)
    assert (deadline.date, deadline.basis, deadline.text) == (
        dt.date(2024, 12, 5),
        "inline",
        "5 декабря 2024 года",
    )


def test_an_inline_date_is_ignored_when_an_explicit_deadline_is_stated() -> None:
    text = "провести мероприятия 5 декабря 2024 года, отчёт представить до 13 декабря 2024 г."
    deadline = only(text)
    assert (deadline.date, deadline.basis) == (dt.date(2024, 12, 13), "explicit")


@pytest.mark.parametrize(
    "text",
    [
        "направляет протокол совещания от 23 октября 2024 года",
        "в соответствии с протоколом от 23.10.2024",
        "в соответствии с постановлением Правительства Российской Федерации № 555 от 27.04.2024",
        "договоров о целевом обучении, заключенных в 2024 году в бумажном виде",
        "план мероприятий на 2025 год",
        "совещания, состоявшегося 23 октября 2024 года",
        "в период с 1 ноября 2024 г.",
        "по итогам 1 полугодия",
        "Постановление 27.04.2024 № 555",
        "Проведенного 1 октября 2024 г. мониторинга",
    ],
)
def test_a_reference_date_is_not_a_deadline(text: str) -> None:
    assert find_deadlines(text, document_date=MEETING, config=CONFIG) == []


def test_an_inline_date_before_the_document_is_a_reference_not_a_deadline() -> None:
    assert find_deadlines("итоги 1 октября 2024 г.", document_date=MEETING, config=CONFIG) == []


# --- helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (dt.date(2024, 10, 23), "23 октября 2024 г."),
        (dt.date(2024, 12, 1), "1 декабря 2024 г."),
        (dt.date(2025, 3, 8), "8 марта 2025 г."),
    ],
)
def test_dates_are_written_in_words_without_a_leading_zero(day: dt.date, words: str) -> None:
    assert format_date_ru(day) == words


def test_adding_months_clamps_to_the_end_of_a_shorter_month() -> None:
    assert add_months(dt.date(2024, 8, 31), 1) == dt.date(2024, 9, 30)
    assert add_months(dt.date(2024, 11, 30), 3) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 12, 15), 1) == dt.date(2025, 1, 15)


_TOKENS = (
    *("до", "не позднее", "к", "от", "Срок", "—", ":", ",", ".", " ", "\n", "**", "№"),
    *("0", "1", "02", "13", "29", "31", "45", "2024", "24", "3024", "г.", "года", "17-00"),
    *("ноября", "февраля", "декабря", "ежемесячно", "ежегодно", "числа", "по пятницам"),
    *("в течение", "рабочих", "дней", "месяца", "в IV квартале", "до конца", "далее", "срочно"),
)


@given(st.lists(st.sampled_from(_TOKENS), max_size=25).map("".join))
def test_any_wording_yields_deadlines_inside_the_text_without_errors(text: str) -> None:
    for deadline in find_deadlines(text, offset=7, document_date=MEETING, config=CONFIG):
        start, end = deadline.span
        assert 7 <= start < end <= 7 + len(text)
        if deadline.due_date is not None:
            assert deadline.date is not None
            assert deadline.due_date <= deadline.date
