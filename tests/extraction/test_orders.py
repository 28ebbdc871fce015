from __future__ import annotations

import datetime as dt

from protokol.extraction import parse_text

PRESIDENTIAL_LIST = """\
УТВЕРЖДАЮ
Президент Российской Федерации
В.Путин
15 марта 2024 г.
Пр-2345

ПЕРЕЧЕНЬ ПОРУЧЕНИЙ
по итогам заседания Совета по стратегическому развитию
и национальным проектам

1. Правительству Российской Федерации:
а) обеспечить утверждение программы развития среднего профессионального образования;
Срок – до 1 июля 2024 г.
б) представить предложения по совершенствованию целевого обучения.
Срок – до 1 сентября 2024 г.
2. Рекомендовать органам исполнительной власти субъектов Российской Федерации принять меры \
по развитию центров опережающей профессиональной подготовки.
"""

LIST_WITH_APPROVAL_IN_TITLE = """\
ПЕРЕЧЕНЬ ПОРУЧЕНИЙ по итогам совещания с членами Правительства \
(утв. Президентом РФ 15 марта 2024 г. № Пр-2345)

1. Правительству Российской Федерации обеспечить утверждение плана.
"""

GOVERNMENT_ORDER = """\
ПРАВИТЕЛЬСТВО РОССИЙСКОЙ ФЕДЕРАЦИИ

РАСПОРЯЖЕНИЕ

от 12 февраля 2025 г. № 245-р

МОСКВА

1. Утвердить прилагаемый план мероприятий по развитию среднего профессионального образования.

2. Минпросвещения России обеспечить мониторинг реализации плана.

Председатель Правительства
Российской Федерации

М.Мишустин
"""


def test_a_presidential_list_has_its_number_date_and_title() -> None:
    document = parse_text(PRESIDENTIAL_LIST).documents[0]
    assert document.kind == "instructions"
    assert document.number == "Пр-2345"
    assert document.date == dt.date(2024, 3, 15)
    assert document.title == (
        "по итогам заседания Совета по стратегическому развитию и национальным проектам"
    )
    assert document.issuer == "Президент Российской Федерации"


def test_the_body_of_a_list_starts_at_its_first_item() -> None:
    result = parse_text(PRESIDENTIAL_LIST)
    (section,) = result.documents[0].sections
    assert section.number is None
    assert result.text[section.span[0] :].startswith("1. Правительству Российской Федерации:")


def test_the_approval_may_stand_in_brackets_after_the_title() -> None:
    document = parse_text(LIST_WITH_APPROVAL_IN_TITLE).documents[0]
    assert document.number == "Пр-2345"
    assert document.date == dt.date(2024, 3, 15)
    assert document.title == "по итогам совещания с членами Правительства"


def test_a_government_order_has_its_number_date_place_and_signatory() -> None:
    document = parse_text(GOVERNMENT_ORDER).documents[0]
    assert document.kind == "instructions"
    assert document.number == "245-р"
    assert document.date == dt.date(2025, 2, 12)
    assert document.place == "Москва"
    assert document.issuer == "Правительство Российской Федерации"
    assert document.title is None
    assert document.signatory is not None
    assert document.signatory.name == "Мишустин М."
    assert document.signatory.position == "Председатель Правительства Российской Федерации"


def test_the_signature_is_not_part_of_the_operative_part() -> None:
    result = parse_text(GOVERNMENT_ORDER)
    (section,) = result.documents[0].sections
    body = result.text[section.span[0] : section.span[1]]
    assert body.startswith("1. Утвердить")
    assert "Мишустин" not in body
