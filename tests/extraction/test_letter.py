from __future__ import annotations

import datetime as dt

from protokol.extraction import parse_text
from protokol.extraction.model import Attachment, Document

DEPARTMENT = (
    "Департамент государственной политики в сфере среднего профессионального образования "
    "и профессионального обучения"
)

MINISTRY_REQUEST = """\
МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ
РОССИЙСКОЙ ФЕДЕРАЦИИ
(МИНПРОСВЕЩЕНИЯ РОССИИ)

Департамент государственной политики
в сфере среднего профессионального
образования и профессионального обучения

Люсиновская ул., д. 51, Москва, 115093
Тел. (495) 587-01-10

от 10.01.2025 № АБ-123/05
На № 01-15/77 от 20.12.2024

Руководителям органов исполнительной
власти субъектов Российской Федерации,
осуществляющих государственное управление
в сфере образования

О представлении информации

Уважаемые коллеги!

Департамент просит в срок до 20 января 2025 г. представить информацию о численности \
обучающихся по программам среднего профессионального образования по прилагаемой форме.

Приложение: на 2 л. в 1 экз.

Директор Департамента

В.С. Неумывакин

Иванова А.П.
(495) 587-01-10, доб. 3301
"""


def test_the_cover_letter_has_its_registration_number_and_date(sample_letter: Document) -> None:
    assert sample_letter.kind == "letter"
    assert sample_letter.number == "05-4017"
    assert sample_letter.date == dt.date(2024, 11, 2)


def test_the_cover_letter_has_its_title(sample_letter: Document) -> None:
    assert sample_letter.title == "О рассылке протокола"


def test_the_issuer_is_the_department_of_the_ministry(sample_letter: Document) -> None:
    assert sample_letter.issuer == f"{DEPARTMENT} Минпросвещения России"


def test_the_addressee_block_is_joined_into_one_line(sample_letter: Document) -> None:
    assert sample_letter.addressee == (
        "Руководителям органов исполнительной власти субъектов Российской Федерации, "
        "осуществляющих государственное управление в сфере образования"
    )


def test_the_signatory_is_normalised_to_surname_first(sample_letter: Document) -> None:
    signatory = sample_letter.signatory
    assert signatory is not None
    assert signatory.name == "Софронова М.И."
    assert signatory.as_written == "М.И. Софронова"
    assert signatory.position == "И.О. директора Департамента"


def test_the_executor_has_a_name_and_a_phone(sample_letter: Document) -> None:
    executor = sample_letter.executor
    assert executor is not None
    assert executor.name == "Мелихова С.Е."
    assert executor.phone == "(495) 587-01-10, доб. 3378"


def test_the_attachment_mark_counts_sheets_and_copies(sample_letter: Document) -> None:
    assert sample_letter.attachment == Attachment("на 5 л. в 1 экз.", 5, 1)


def test_sending_a_protocol_for_execution_is_not_an_instruction(
    sample_letter: Document,
) -> None:
    assert sample_letter.instructions == ()
    assert sample_letter.sections == ()


def test_a_ministry_request_is_another_kind_of_letter() -> None:
    document = parse_text(MINISTRY_REQUEST).documents[0]
    assert document.kind == "other"
    assert document.number == "АБ-123/05"
    assert document.date == dt.date(2025, 1, 10)
    assert document.title == "О представлении информации"
    assert document.issuer == f"{DEPARTMENT} Минпросвещения России"
    assert document.addressee is not None
    assert document.addressee.startswith("Руководителям органов исполнительной власти")
    assert document.attachment == Attachment("на 2 л. в 1 экз.", 2, 1)
    assert document.signatory is not None
    assert document.signatory.name == "Неумывакин В.С."
    assert document.executor is not None
    assert document.executor.name == "Иванова А.П."


def test_a_ministry_request_body_is_one_unnumbered_section() -> None:
    result = parse_text(MINISTRY_REQUEST)
    (section,) = result.documents[0].sections
    assert section.number is None
    body = result.text[section.span[0] : section.span[1]]
    assert body.strip().startswith("Департамент просит в срок до 20 января 2025 г.")
    assert "Уважаемые коллеги" not in body
    assert "Приложение" not in body
