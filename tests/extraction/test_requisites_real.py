"""Requisites of documents as they are published: numbers, dates, headerless texts."""

from __future__ import annotations

import datetime as dt

import pytest

from protokol.extraction import parse_text
from protokol.extraction.requisites import find_number, find_registration

BODY = (
    "1. Органам исполнительной власти субъектов Российской Федерации обеспечить проведение "
    "мероприятий. Срок – IV квартал 2024 г.\n"
)


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("от 1 июля 2016 года N 1403-р", "1403-р"),
        ("№ 12-п", "12-п"),
        ("№ ПР-1234", "ПР-1234"),
        ("(утв. Президентом РФ 23.10.2024 N Пр-2421)", "Пр-2421"),
        ("Пр-2421", "Пр-2421"),
        ("Правительственная телеграмма №НР 15-2/10/2-6793", "НР 15-2/10/2-6793"),
    ],
)
def test_a_number_is_read_in_every_common_notation(line: str, number: str) -> None:
    found = find_number(line, 0, len(line))
    assert found is not None and found.value == number


@pytest.mark.parametrize(
    ("header", "kind", "number", "date"),
    [
        (
            "ПРАВИТЕЛЬСТВО БЕЛГОРОДСКОЙ ОБЛАСТИ\n\nРАСПОРЯЖЕНИЕ\n\n"
            "от 12 марта 2024 г. № 123-рп\n\nг. Белгород\n\n",
            "instructions",
            "123-рп",
            dt.date(2024, 3, 12),
        ),
        (
            "Распоряжение Правительства РФ от 11 сентября 2014 г. N 1798-р\n",
            "other",
            "1798-р",
            dt.date(2014, 9, 11),
        ),
        (
            "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ по итогам совещания (утв. Президентом РФ 23.10.2024 N Пр-2421)\n\n",
            "instructions",
            "Пр-2421",
            dt.date(2024, 10, 23),
        ),
        (
            "ПРОТОКОЛ\nзаседания штаба от 23 октября 2024 г. № 5\n\n",
            "protocol",
            "5",
            dt.date(2024, 10, 23),
        ),
    ],
)
def test_the_kind_number_and_date_of_each_document_kind(
    header: str, kind: str, number: str, date: dt.date
) -> None:
    document = parse_text(header + BODY).documents[0]
    assert (document.kind, document.number, document.date) == (kind, number, date)


def test_a_heading_that_runs_into_the_text_still_gives_its_requisites() -> None:
    text = "РАСПОРЯЖЕНИЕ ПРАВИТЕЛЬСТВО РФ 23 февраля 2001 г. N 270-р (НТЦС) " + BODY * 5
    document = parse_text(text).documents[0]
    assert (document.number, document.date) == ("270-р", dt.date(2001, 2, 23))


def test_a_document_without_a_letterhead_has_no_body_text_as_issuer_or_addressee() -> None:
    text = "Об утверждении плана мероприятий\n\n" + BODY * 3
    for document in parse_text(text).documents:
        assert document.issuer is None
        assert document.addressee is None


def test_a_text_on_one_line_never_becomes_the_issuer_or_the_addressee() -> None:
    text = "Распоряжение от 04.10.2013 г № 548-РП " + BODY.replace("\n", " ") * 20
    document = parse_text(text).documents[0]
    assert document.issuer is None and document.addressee is None


def test_a_document_cited_inside_the_text_is_not_a_registration_line() -> None:
    text = "Михаил Мишустин дал указания во исполнение поручений, содержащихся\n"
    text += "в Указе Президента России от 26 октября 2020 года №645\n"
    assert find_registration(text, 0, len(text)) is None


def test_a_capitalised_district_letterhead_keeps_its_proper_name() -> None:
    text = "ГЛАВА АДМИНИСТРАЦИИ\nКИМОВСКИЙ РАЙОН\nРАСПОРЯЖЕНИЕ\nот 25 сентября 2007 г. N 274-р\n"
    document = parse_text(text + "1.Установить начало отопительного сезона.\n").documents[0]
    assert document.number == "274-р"
    assert document.issuer == "Глава администрации Кимовский район"
