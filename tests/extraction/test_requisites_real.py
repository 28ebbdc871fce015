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
            "instructions",
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


ITEMS = (
    "1. Минкультуры России обеспечить проведение мероприятий.\n"
    "2. Рекомендовать органам исполнительной власти субъектов Российской Федерации принять "
    "участие в мероприятиях.\n"
)


def test_a_catalogue_title_above_the_letterhead_is_part_of_the_order() -> None:
    text = (
        "Распоряжение Правительства Российской Федерации от 12.06.2008 № 851-р\n\n\n"
        "ПРАВИТЕЛЬСТВО РОССИЙСКОЙ ФЕДЕРАЦИИ\n\nР А С П О Р Я Ж Е Н И Е\n\n"
        "от 12 июня 2008 г. N 851-р\nг. Москва\n\n" + ITEMS
    )
    documents = parse_text(text).documents
    assert len(documents) == 1
    assert documents[0].span[0] == 0
    assert (documents[0].number, documents[0].date) == ("851-р", dt.date(2008, 6, 12))
    assert len(documents[0].instructions) == 2


def test_a_title_line_above_the_letterhead_makes_no_empty_document() -> None:
    text = (
        "Об утверждении плана мероприятий по подготовке празднования\n\n"
        "ПРАВИТЕЛЬСТВО РОССИЙСКОЙ ФЕДЕРАЦИИ\n\nРАСПОРЯЖЕНИЕ\n\n"
        "от 19 сентября 2013 года N 1690-р\n\n" + ITEMS
    )
    documents = parse_text(text).documents
    assert [(d.kind, d.number, d.date) for d in documents] == [
        ("instructions", "1690-р", dt.date(2013, 9, 19))
    ]
    assert documents[0].title == "Об утверждении плана мероприятий по подготовке празднования"


def test_of_two_heading_lines_the_one_nearest_the_text_gives_the_number_as_printed() -> None:
    text = (
        "Распоряжение от 09.11.2012 г № 619-Р\n\n"
        "Распоряжение Правительства Ленинградской области от 09.11.2012 N 619-р\n\n" + ITEMS
    )
    documents = parse_text(text).documents
    assert [(d.number, d.date) for d in documents] == [("619-р", dt.date(2012, 11, 9))]


def test_an_act_cited_in_the_preamble_is_never_the_orders_own_number_or_date() -> None:
    text = (
        "УКАЗ\nПРЕЗИДЕНТА РОССИЙСКОЙ ФЕДЕРАЦИИ\nО МЕРАХ ПО ЛИКВИДАЦИИ ПОСЛЕДСТВИЙ НАВОДНЕНИЯ\n"
        "В целях ликвидации последствий наводнения и в соответствии со статьей 8 Федерального "
        "закона от 21 декабря 1994 г. N 68-ФЗ «О защите населения» постановляю:\n" + ITEMS
    )
    document = parse_text(text).documents[0]
    assert (document.number, document.date) == (None, None)


def test_a_decrees_closing_lines_give_its_number_and_date() -> None:
    text = (
        "УКАЗ\nПРЕЗИДЕНТА РОССИЙСКОЙ ФЕДЕРАЦИИ\nО праздновании 100-летия со дня рождения\n"
        "В связи с исполняющимся в 2006 году 100-летием постановляю:\n"
        + ITEMS
        + "Президент Российской Федерации В.Путин\nМосква, Кремль\n13 февраля 2006 года\n№ 102\n"
    )
    document = parse_text(text).documents[0]
    assert (document.number, document.date) == ("102", dt.date(2006, 2, 13))


def test_a_date_line_closing_a_published_list_of_instructions_is_its_date() -> None:
    text = (
        "Владимир Путин дал ряд поручений в связи с наводнениями.\n"
        "Правительству Российской Федерации поручено принять меры по оказанию помощи.\n"
        "21 июня 2021 года\n"
    )
    document = parse_text(text).documents[0]
    assert (document.kind, document.date) == ("instructions", dt.date(2021, 6, 21))


def test_a_bracketed_resolution_in_the_lead_in_gives_the_number_and_date() -> None:
    text = (
        "Председатель Правительства провёл селекторное совещание 2 апреля 2014 года. По итогам "
        "приняты следующие решения (резолюция от 2 апреля 2014 года №ДМ-П9-26пр):\n" + ITEMS
    )
    document = parse_text(text).documents[0]
    assert (document.number, document.date) == ("ДМ-П9-26пр", dt.date(2014, 4, 2))


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        (
            "Перечень поручений по итогам совещания (утв. Президентом РФ 23.10.2024 N Пр-2421)",
            "instructions",
        ),
        ("Решения по итогам селекторного совещания Председателя Правительства", "instructions"),
        ("Поручения Президента Российской Федерации по итогам заседания Госсовета", "instructions"),
        ("Указ Президента РФ от 13 февраля 2006 г. N 102", "instructions"),
        ("Постановление Правительства Саратовской области от 13.04.2018 № 191-П", "instructions"),
        ("Правительственная телеграмма №НР 15-2/10/2-6793 от 13 июля 2011 г.", "letter"),
        (
            "МИНИСТЕРСТВО ОБРАЗОВАНИЯ И НАУКИ\n\nПИСЬМО\n\nот 10 июля 2009 г. N 01-188/11-01",
            "letter",
        ),
    ],
)
def test_a_title_at_the_head_of_the_text_tells_the_kind_in_any_case(title: str, kind: str) -> None:
    documents = parse_text(title + "\n\n" + ITEMS).documents
    assert [d.kind for d in documents] == [kind]


def test_an_ordinary_case_title_word_inside_the_text_starts_no_document() -> None:
    text = (
        "В целях исполнения поручения Президента:\n"
        + ITEMS
        + "Распоряжение Правительства от 12 июня 2008 г. № 851-р считать утратившим силу.\n"
    )
    assert len(parse_text(text).documents) == 1


def test_a_two_digit_year_names_the_nearest_century() -> None:
    text = "ПРАВИТЕЛЬСТВО САРАТОВСКОЙ ОБЛАСТИ\n\nРАСПОРЯЖЕНИЕ\n\nот 28.05.99 N 123-Пр\n\n" + ITEMS
    assert parse_text(text).documents[0].date == dt.date(1999, 5, 28)


def test_a_number_typed_with_an_en_dash_is_stored_with_a_hyphen() -> None:
    text = "РАСПОРЯЖЕНИЕ\nГУБЕРНАТОРА ИВАНОВСКОЙ ОБЛАСТИ\n\nот 15.05.2008 № 200–р\n\n" + ITEMS
    assert parse_text(text).documents[0].number == "200-р"


def test_an_order_copied_without_its_header_is_a_list_of_instructions() -> None:
    text = "В связи с историческим значением города постановляю:\n" + ITEMS
    document = parse_text(text).documents[0]
    assert document.kind == "instructions"
    assert len(document.instructions) == 2


def test_the_lead_in_of_an_orders_items_gives_them_their_addressee() -> None:
    text = (
        "РАСПОРЯЖЕНИЕ\nот 14.04.2005 № 220-Р\n\n"
        "В связи с установившейся температурой воздуха предприятиям всех форм собственности:\n"
        "1.Прекратить подачу теплоносителя в системы отопления с 15 апреля 2005 года.\n"
        "2.Возобновить подачу горячей воды в жилой фонд с 25 августа 2005 года.\n"
    )
    document = parse_text(text).documents[0]
    assert len(document.instructions) == 2


def test_a_text_opening_with_an_addressee_block_is_a_letter() -> None:
    text = (
        "Главам муниципальных образований области\n\n"
        "Об участии в общероссийском дне приёма граждан\n\n"
        "Администрация района информирует о переносе дня приёма граждан на 14 декабря "
        "2020 г. и рекомендует разместить эту информацию на официальных сайтах.\n"
    )
    assert [d.kind for d in parse_text(text).documents] == ["letter"]


def test_a_sentence_naming_a_head_is_no_addressee_block() -> None:
    text = (
        "Главе администрации района обеспечить проведение субботника. Срок – 30 апреля "
        "2010 г.\n\nКонтроль за исполнением оставляю за собой.\n"
    )
    assert [d.kind for d in parse_text(text).documents] != ["letter"]


def test_a_letters_registration_line_is_never_part_of_its_issuer() -> None:
    text = (
        "ФЕДЕРАЛЬНАЯ СЛУЖБА ПО НАДЗОРУ В СФЕРЕ ОБРАЗОВАНИЯ И НАУКИ\n\nПИСЬМО\n\n"
        "от 10 июля 2009 г. N 01-188/11-01\n\n"
        "Рособрнадзор обращает внимание на необходимость представления актов.\n"
    )
    document = parse_text(text).documents[0]
    assert (document.kind, document.number) == ("letter", "01-188/11-01")
    assert document.issuer is not None and "2009" not in document.issuer


def test_a_short_cover_letter_above_a_list_of_instructions_stays_a_document() -> None:
    text = (
        "Направляем перечень поручений для исполнения.\n\n"
        "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ\nпо итогам совещания\n\n" + ITEMS
    )
    assert [d.kind for d in parse_text(text).documents] == ["letter", "instructions"]
