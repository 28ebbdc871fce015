from __future__ import annotations

import datetime as dt

import pytest

from protokol.extraction.model import Attachment
from protokol.extraction.requisites import (
    find_attachment,
    find_registration,
    find_signature,
    letterhead_to_name,
    parse_date,
)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("« 23 » октября 2024 г.", dt.date(2024, 10, 23)),
        ("«2» декабря 2024г.", dt.date(2024, 12, 2)),
        ("от 23 октября 2024 года", dt.date(2024, 10, 23)),
        ("02.11.2024 № 05-4017", dt.date(2024, 11, 2)),
        ("от 10.01.25 № АБ-123/05", dt.date(2025, 1, 10)),
    ],
)
def test_it_reads_dates_as_ministries_write_them(written: str, expected: dt.date) -> None:
    assert parse_date(written) == expected


def test_an_impossible_date_is_no_date() -> None:
    assert parse_date("« 31 » февраля 2024 г.") is None
    assert parse_date("версия 1.2.3") is None


def test_the_registration_line_skips_the_reference_to_the_incoming_letter() -> None:
    text = "На № 01-15/77 от 20.12.2024\nот 10.01.2025 № АБ-123/05\n"
    found = find_registration(text, 0, len(text))
    assert found is not None
    date, number = found
    assert (date, number.value) == (dt.date(2025, 1, 10), "АБ-123/05")
    assert text[number.start : number.end] == "АБ-123/05"


def test_a_number_cited_in_running_text_is_not_the_registration() -> None:
    text = (
        "Департамент направляет для исполнения протокол совещания от 23.10.2024 "
        "№ Д05-98/05пр с органами исполнительной власти субъектов Российской Федерации.\n"
    )
    assert find_registration(text, 0, len(text)) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Приложение: на 5 л. в 1 экз.", Attachment("на 5 л. в 1 экз.", 5, 1)),
        ("Приложение на 12 листах в 2 экз.", Attachment("на 12 листах в 2 экз.", 12, 2)),
        ("Приложение: протокол совещания.", Attachment("протокол совещания.", None, None)),
    ],
)
def test_it_reads_the_attachment_mark(line: str, expected: Attachment) -> None:
    text = f"Текст письма.\n\n{line}\n"
    found = find_attachment(text, 0, len(text))
    assert found is not None
    assert found[0] == expected
    assert text[found[1] : found[2]] == line


def test_a_letterhead_in_capitals_becomes_an_ordinary_name() -> None:
    assert letterhead_to_name(["МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ", "РОССИЙСКОЙ ФЕДЕРАЦИИ"]) == (
        "Министерство просвещения Российской Федерации"
    )
    assert letterhead_to_name(["ПРАВИТЕЛЬСТВО БЕЛГОРОДСКОЙ ОБЛАСТИ"]) == (
        "Правительство Белгородской области"
    )
    assert letterhead_to_name(["МИНИСТЕРСТВО ОБРАЗОВАНИЯ", "РЕСПУБЛИКИ ТЫВА"]) == (
        "Министерство образования Республики Тыва"
    )


def test_it_reads_a_signature_whose_position_stands_before_a_long_tail_of_executor_marks() -> None:
    body = "Текст письма.\n\n" * 200
    marks = "\n\n".join(f"Исп. Иванова А.А., тел. (495) 123-45-{n:02d}" for n in range(60))
    text = f"{body}Заместитель Министра\n\nА.А. Корнеев\n\n{marks}\n"
    found = find_signature(text, 0, len(text))
    assert found is not None
    person, block_start = found
    assert person.position == "Заместитель Министра"
    assert block_start == text.index("Заместитель Министра")
    assert len(text) - block_start > 2048  # the closing paragraphs lie beyond the first window
