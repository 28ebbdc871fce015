"""Doubts about deadlines shown to the reviewer: stable codes, Russian messages."""

from __future__ import annotations

import datetime as dt

from protokol.extraction.config import ExtractionConfig
from protokol.extraction.deadlines import deadline_warnings, find_deadlines
from protokol.extraction.model import Deadline, Recurrence

MEETING = dt.date(2024, 10, 23)
CONFIG = ExtractionConfig()


def warnings_for(text: str, *, document_date: dt.date | None = MEETING) -> list[tuple[str, str]]:
    [deadline] = find_deadlines(text, document_date=document_date, config=CONFIG)
    return [
        (w.code, w.message)
        for w in deadline_warnings(deadline, document_date=document_date, config=CONFIG)
    ]


def test_a_deadline_on_a_sunday_says_to_which_day_it_moves() -> None:
    assert warnings_for("**Срок исполнения – 1 декабря 2024 г.**") == [
        (
            "deadline_non_working_day",
            "Срок 1 декабря 2024 г. приходится на нерабочий день; к исполнению — 29 ноября 2024 г.",
        )
    ]


def test_a_deadline_on_a_holiday_after_a_working_saturday_moves_to_that_saturday() -> None:
    assert warnings_for("до 4 ноября 2024 г.") == [
        (
            "deadline_non_working_day",
            "Срок 4 ноября 2024 г. приходится на нерабочий день; к исполнению — 2 ноября 2024 г.",
        )
    ]


def test_a_deadline_on_a_working_saturday_raises_no_doubt() -> None:
    assert warnings_for("**Срок — до 28 декабря 2024 г.**") == []


def test_a_deadline_before_the_document_date_is_flagged() -> None:
    assert warnings_for("до 22 октября 2024 г.") == [
        (
            "deadline_before_document",
            "Срок 22 октября 2024 г. раньше даты документа (23 октября 2024 г.).",
        )
    ]


def test_a_deadline_years_ahead_is_flagged_as_a_probable_typo() -> None:
    assert warnings_for("до 28 декабря 2034 г.") == [
        (
            "deadline_implausible",
            "Срок 28 декабря 2034 г. позже даты документа (23 октября 2024 г.) "
            "более чем на 1098 дней; проверьте год.",
        )
    ]


def test_the_plausible_horizon_is_a_setting() -> None:
    config = ExtractionConfig(max_plausible_days=30)
    [deadline] = find_deadlines("до 13 декабря 2024 г.", document_date=MEETING, config=config)
    [warning] = deadline_warnings(deadline, document_date=MEETING, config=config)
    assert warning.code == "deadline_implausible"
    assert "более чем на 30 дней" in warning.message


def test_a_past_date_on_a_holiday_gets_both_warnings() -> None:
    codes = [code for code, _ in warnings_for("до 4 ноября 2023 г.")]
    assert codes == ["deadline_before_document", "deadline_non_working_day"]


def test_a_warning_points_at_the_deadline_wording() -> None:
    [deadline] = find_deadlines(
        "Срок: 01.12.2024", offset=500, document_date=MEETING, config=CONFIG
    )
    [warning] = deadline_warnings(deadline, document_date=MEETING, config=CONFIG)
    assert warning.span == (500, 516)


def test_a_computed_date_on_a_weekend_moves_silently() -> None:
    # One month from 23 October 2024 is Saturday 23 November: nobody wrote that date.
    assert warnings_for("в месячный срок") == []


def test_a_recurring_series_raises_no_weekend_doubt() -> None:
    assert warnings_for("ежемесячно") == []


def test_without_a_document_date_only_the_calendar_is_checked() -> None:
    assert [code for code, _ in warnings_for("до 1 декабря 2024 г.", document_date=None)] == [
        "deadline_non_working_day"
    ]


def test_an_undated_deadline_has_no_warnings() -> None:
    deadline = Deadline(
        text="Срок – постоянно",
        span=(0, 16),
        recurrence=Recurrence("permanent", "постоянно"),
        basis="recurring",
    )
    assert deadline_warnings(deadline, document_date=None, config=CONFIG) == []
