from __future__ import annotations

import pytest

from protokol.extraction.normalize import normalize_text
from protokol.extraction.segmentation import find_headings, keyword_of, split_documents

LETTERHEAD = "МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ\nРОССИЙСКОЙ ФЕДЕРАЦИИ\n(МИНПРОСВЕЩЕНИЯ РОССИИ)\n\n"


def _kinds(text: str) -> list[str]:
    return [segment.kind for segment in split_documents(normalize_text(text))]


def test_the_sample_is_a_letter_then_a_protocol(sample_normalized: str) -> None:
    letter, protocol = split_documents(sample_normalized)
    assert (letter.kind, protocol.kind) == ("letter", "protocol")


def test_the_protocol_starts_at_its_letterhead_not_at_the_keyword(
    sample_normalized: str,
) -> None:
    _, protocol = split_documents(sample_normalized)
    keyword = sample_normalized.index("\nПРОТОКОЛ\n") + 1
    letterhead = sample_normalized.rindex("МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ", 0, keyword)
    assert protocol.start == letterhead
    assert protocol.keyword_line is not None
    assert protocol.keyword_line.start == keyword


def test_the_letter_keeps_its_page_footer_and_starts_at_its_letterhead(
    sample_normalized: str,
) -> None:
    letter, _ = split_documents(sample_normalized)
    assert sample_normalized[letter.start :].startswith("МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ")
    assert sample_normalized[: letter.end].endswith("О рассылке протокола - 05")


def test_a_letterhead_repeated_on_a_new_page_is_not_a_new_document(
    sample_normalized: str,
) -> None:
    page_break = "\n\nО рассылке протокола - 05\n\n" + LETTERHEAD + "- 2 -\n\n"
    text = sample_normalized.replace("\n\nIV. Социологические", page_break + "IV. Социологические")
    assert [s.kind for s in split_documents(text)] == ["letter", "protocol"]
    protocol = split_documents(text)[1]
    assert [h.number for h in find_headings(text, protocol.start, protocol.end)] == [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    ]  # fmt: skip


def test_two_letters_in_one_file_are_two_documents() -> None:
    letter = (
        LETTERHEAD + "02.11.2024 № 05-4017\n\nРуководителям органов\n\nО рассылке протокола\n\n"
        "Департамент направляет протокол совещания.\n\nПриложение: на 5 л. в 1 экз.\n\n"
    )
    assert _kinds(letter + letter.replace("05-4017", "05-4018")) == ["letter", "letter"]


def test_a_list_of_presidential_instructions() -> None:
    text = "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ\nпо итогам совещания\n\n1. Правительству обеспечить.\n"
    assert _kinds(text) == ["instructions"]


def test_an_order_with_an_operative_part_is_a_list_of_instructions() -> None:
    text = (
        "ПРАВИТЕЛЬСТВО РОССИЙСКОЙ ФЕДЕРАЦИИ\n\nРАСПОРЯЖЕНИЕ\n\nот 12 февраля 2025 г. № 245-р\n\n"
        "1. Утвердить прилагаемый план.\n2. Минпросвещения России обеспечить мониторинг.\n"
    )
    segments = split_documents(normalize_text(text))
    assert [s.kind for s in segments] == ["instructions"]
    assert segments[0].start == 0


def test_an_order_without_an_operative_part_is_other() -> None:
    text = "ПРИКАЗ\n\nот 12 февраля 2025 г. № 45\n\nО признании утратившим силу приказа.\n"
    assert _kinds(text) == ["other"]


def test_a_ministry_request_with_a_term_is_other() -> None:
    text = (
        LETTERHEAD + "от 10.01.2025 № АБ-123/05\n\nО представлении информации\n\n"
        "Минпросвещения России просит в срок до 20 января 2025 г. представить информацию.\n"
    )
    assert _kinds(text) == ["other"]


def test_a_cover_letter_is_a_letter() -> None:
    text = (
        LETTERHEAD + "02.11.2024 № 05-4017\n\nО направлении протокола\n\n"
        "Департамент направляет для исполнения протокол совещания.\n"
    )
    assert _kinds(text) == ["letter"]


def test_a_protocol_mentioned_in_running_text_does_not_start_a_document() -> None:
    text = (
        "О рассылке протокола\n\nДепартамент направляет для исполнения\n"
        "протокол совещания от 23 октября 2024 г.\n"
    )
    assert _kinds(text) == ["letter"]


def test_letter_spaced_keyword_is_recognised() -> None:
    assert keyword_of("П Р О Т О К О Л") == "ПРОТОКОЛ"
    assert keyword_of("ПЕРЕЧЕНЬ  ПОРУЧЕНИЙ по итогам") == "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ"
    assert keyword_of("Протокол совещания") is None
    assert keyword_of("ПРОТОКОЛЬНЫЙ") is None
    assert keyword_of("РАСПОРЯЖЕНИЕ № 245-р") == "РАСПОРЯЖЕНИЕ"


def test_an_act_cited_in_capitals_does_not_start_a_document() -> None:
    text = (
        "ПРОТОКОЛ\n\nI. О целевом обучении\n\n"
        "ПОСТАНОВЛЕНИЕ Правительства Российской Федерации от 27.04.2024 № 555 исполняется.\n"
    )
    assert _kinds(text) == ["protocol"]


@pytest.mark.parametrize("text", ["", "\n\n  \n", "- 2 -\n", LETTERHEAD])
def test_blank_or_debris_only_text_has_no_documents(text: str) -> None:
    assert split_documents(normalize_text(text)) == []


def test_a_heading_out_of_sequence_is_not_a_section() -> None:
    text = "I. Первый\nтекст\nC. Не раздел\nII. Второй\nIV. Пропуск\nIII. Третий\n"
    assert [h.number for h in find_headings(text, 0, len(text))] == ["I", "II", "III"]


def test_a_cyrillic_kha_counts_as_a_roman_ten() -> None:
    text = "IX. Девятый\n\nХ. Десятый\n"
    assert [h.number for h in find_headings(text, 0, len(text))] == ["IX", "X"]
