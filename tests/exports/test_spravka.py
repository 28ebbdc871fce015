from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from protokol.exports.spravka import execution_report_docx

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> tuple[str, list[list[str]]]:
    document = Document(BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    table = [[c.text for c in row.cells] for row in document.tables[0].rows]
    return text, table


def test_the_spravka_says_per_instruction_what_was_done_and_who_is_late(executed, curator):
    text, table = _text(execution_report_docx(executed, curator))
    assert "СПРАВКА" in text
    assert "23 октября 2024 г." in text
    assert table[0] == ["Поручение", "Субъектов", "Исполнено", "Просрочено", "%"]
    assert table[1] == ["I.1", "89", "1", "87", "1"]
    i1 = text.split("I.1. ", 1)[1].split("III.1. ", 1)[0]
    # «до 23 ноября 2024 г.» is a Saturday: the regions are held to Friday the 22nd.
    assert "Срок — до 22 ноября 2024 г." in i1
    assert "Исполнено: 1 из 89 (1 %). Отчёты приняты: Белгородская область." in i1
    assert "Отчёты на рассмотрении (1 субъект РФ): г. Москва." in i1
    late = i1.split("Не исполнено в срок (87 субъектов РФ): ", 1)[1]
    assert "Республика Тыва" in late and "Белгородская область" not in late


def test_an_operators_spravka_names_no_other_region(executed, operator_a, login):
    response = login(operator_a).get(reverse("exports:protocol_docx", args=[executed.pk]))
    text, table = _text(response.content)
    assert "Белгородская область" in text
    assert "Москва" not in text and "Республика Тыва" not in text
    assert table[1][:2] == ["I.1", "1"]
