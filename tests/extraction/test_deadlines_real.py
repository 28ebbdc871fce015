"""Deadline wordings of real documents: periods, relative terms, series, years left out."""

from __future__ import annotations

import datetime as dt

import pytest

from protokol.extraction.config import ExtractionConfig
from protokol.extraction.deadlines import deadline_warnings, find_deadlines
from protokol.extraction.model import Deadline

MEETING = dt.date(2024, 10, 23)
CONFIG = ExtractionConfig()


def only(text: str, document_date: dt.date | None = MEETING) -> Deadline:
    found = find_deadlines(text, document_date=document_date, config=CONFIG)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("wording", "last_day"),
    [
        ("IV квартал 2024 г.", dt.date(2024, 12, 31)),
        ("в IV квартале 2024 года", dt.date(2024, 12, 31)),
        ("до конца III квартала 2025 г.", dt.date(2025, 9, 30)),
        ("1 полугодие 2025 г.", dt.date(2025, 6, 30)),
        ("декабрь 2024 г.", dt.date(2024, 12, 31)),
        ("в течение декабря 2024 года", dt.date(2024, 12, 31)),
        ("ноябрь – декабрь 2024 г.", dt.date(2024, 12, 31)),
        ("до конца 2024 года", dt.date(2024, 12, 31)),
        ("2025 год", dt.date(2025, 12, 31)),
        ("в течение 2025 года", dt.date(2025, 12, 31)),
        ("2024 – 2025 годы", dt.date(2025, 12, 31)),
        ("в первом квартале 2025 г.", dt.date(2025, 3, 31)),
    ],
)
def test_a_period_is_read_as_its_last_day_with_the_wording_kept(
    wording: str, last_day: dt.date
) -> None:
    deadline = only(f"Срок – {wording}")
    assert (deadline.date, deadline.text, deadline.basis) == (
        last_day,
        f"Срок – {wording}",
        "explicit",
    )


@pytest.mark.parametrize("cell", ["IV квартал 2024 г.", "(декабрь 2024 г.)", "2025 год"])
def test_a_period_standing_alone_is_a_deadline(cell: str) -> None:
    assert only(cell).date is not None


@pytest.mark.parametrize(
    "text",
    [
        "по итогам IV квартала 2024 г. подготовить доклад",
        "отчёт за IV квартал 2024 г. рассмотреть на заседании",
        "программы на 2024 – 2025 годы",
        "договоров, заключённых в 2024 году",
    ],
)
def test_a_period_that_is_only_named_is_not_a_deadline(text: str) -> None:
    assert find_deadlines(text, document_date=MEETING, config=CONFIG) == []


def test_a_wrapped_line_starting_with_a_genitive_year_is_not_a_deadline() -> None:
    text = "участие в финале чемпионата «Профессионалы»\n2024 года."
    assert find_deadlines(text, document_date=MEETING, config=CONFIG) == []


def test_a_bare_year_in_the_text_is_a_deadline_only_when_nothing_else_is_stated() -> None:
    assert only("внести проект на утверждение в 2025 году").basis == "inline"
    both = find_deadlines(
        "внести проект в 2025 году, доложить до 1 марта 2025 г.",
        document_date=MEETING,
        config=CONFIG,
    )
    assert [d.date for d in both] == [dt.date(2025, 3, 1)]


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("(срок – 28.12.2024)", dt.date(2024, 12, 28)),
        ("Срок исполнения: до 01.03.2025", dt.date(2025, 3, 1)),
        ("Срок: 15 мая 2025 г.", dt.date(2025, 5, 15)),
        ("до 1 марта 2025 года", dt.date(2025, 3, 1)),
    ],
)
def test_an_explicit_date_in_common_wordings(text: str, stated: dt.date) -> None:
    assert only(text).date == stated


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("не позднее 10 дней с даты подписания", dt.date(2024, 11, 2)),
        ("в срок не позднее 30 дней", dt.date(2024, 11, 22)),
        ("не позднее 10 рабочих дней со дня получения", dt.date(2024, 11, 6)),
    ],
)
def test_a_term_not_later_than_n_days_counts_from_the_document_date(
    text: str, stated: dt.date
) -> None:
    deadline = only(text)
    assert (deadline.date, deadline.basis) == (stated, "relative")


def test_a_first_date_then_a_recurrence_is_one_deadline() -> None:
    deadline = only("Срок – 1 июля 2025 г., далее – один раз в полгода")
    assert deadline.date == dt.date(2025, 7, 1)
    assert deadline.recurrence is not None and deadline.recurrence.kind == "half_yearly"
    assert deadline.text == "Срок – 1 июля 2025 г., далее – один раз в полгода"


@pytest.mark.parametrize(
    ("text", "kind", "day"),
    [
        ("ежемесячно, до 5-го числа", "monthly", 5),
        ("ежеквартально, до 10 числа месяца, следующего за отчётным", "quarterly", 10),
        ("два раза в год", "half_yearly", 10),
    ],
)
def test_a_recurring_wording_keeps_its_period_and_day(text: str, kind: str, day: int) -> None:
    recurrence = only(text).recurrence
    assert recurrence is not None
    assert (recurrence.kind, recurrence.day_of_month) == (kind, day)


def test_a_date_without_a_year_is_fixed_from_the_document_date_with_a_warning() -> None:
    deadline = only("Представить информацию до 15 декабря")
    assert (deadline.date, deadline.year_assumed) == (dt.date(2024, 12, 15), True)
    [warning] = [
        w
        for w in deadline_warnings(deadline, document_date=MEETING, config=CONFIG)
        if w.code == "deadline_year_assumed"
    ]
    assert "не указан год" in warning.message and "2024" in warning.message
    assert warning.span == deadline.span


def test_a_period_without_a_year_takes_the_next_one_and_is_flagged() -> None:
    deadline = only("в III квартале")
    assert (deadline.date, deadline.year_assumed) == (dt.date(2025, 9, 30), True)


@pytest.mark.parametrize("text", ["до 15 декабря 2024 г.", "до конца года", "IV квартал 2024 г."])
def test_a_stated_or_implied_year_raises_no_year_warning(text: str) -> None:
    deadline = only(text)
    codes = {w.code for w in deadline_warnings(deadline, document_date=MEETING, config=CONFIG)}
    assert deadline.year_assumed is False and "deadline_year_assumed" not in codes


@pytest.mark.parametrize(
    ("text", "last_day"),
    [
        ("представить проект программы в первой половине 2025 г.", dt.date(2025, 6, 30)),
        ("завершить работу во второй половине 2025 года", dt.date(2025, 12, 31)),
        ("провести обучение во втором полугодии", dt.date(2025, 12, 31)),
        ("обеспечить ввод объектов в первом полугодии 2025 года", dt.date(2025, 6, 30)),
    ],
)
def test_a_half_of_the_year_is_read_as_its_last_day(text: str, last_day: dt.date) -> None:
    assert only(text, dt.date(2025, 2, 1)).date == last_day


def test_a_series_starting_with_a_named_period_is_first_due_after_that_period() -> None:
    deadline = only(
        "представлять ежеквартально, до 5-го числа месяца, следующего за отчетным кварталом, "
        "информацию о ходе реализации плана (начиная с отчета за I квартал 2014 года).",
        dt.date(2013, 12, 30),
    )
    assert deadline.recurrence is not None and deadline.recurrence.kind == "quarterly"
    assert deadline.date == dt.date(2014, 4, 5)


def test_a_monthly_series_starting_with_a_named_month_is_first_due_the_month_after() -> None:
    deadline = only("ежемесячно, до 10 числа, начиная с марта 2025 г., представлять сведения")
    assert deadline.date == dt.date(2025, 4, 10)


def test_a_year_inside_an_opening_clause_dates_the_occasion_not_the_instruction() -> None:
    text = (
        "В рамках проводимых Дней защиты от экологической опасности на\n"
        "территории области в 2005 году поручить министерству организовать\n"
        "проведение областных конкурсов."
    )
    assert find_deadlines(text, document_date=dt.date(2005, 5, 16), config=CONFIG) == []


def test_a_year_after_the_opening_clause_still_dates_the_instruction() -> None:
    text = "В целях развития туризма, в 2025 году провести фестиваль."
    assert only(text, dt.date(2025, 2, 1)).date == dt.date(2025, 12, 31)
