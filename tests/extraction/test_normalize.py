from __future__ import annotations

import pytest

from protokol.extraction.normalize import (
    is_debris_line,
    is_letterhead_line,
    iter_lines,
    iter_paragraphs,
    normalize_text,
)


def test_it_turns_windows_line_ends_into_newlines() -> None:
    assert normalize_text("ПРОТОКОЛ\r\nМосква\rкабинет") == "ПРОТОКОЛ\nМосква\nкабинет"


def test_it_turns_no_break_and_thin_spaces_into_spaces() -> None:
    assert normalize_text("на\u00a05\u202fл. в\u20091 экз.") == "на 5 л. в 1 экз."


def test_it_removes_soft_hyphens_and_zero_width_characters() -> None:
    assert normalize_text("\ufeffпрофес\u00adсиональ\u200bного") == "профессионального"


def test_it_replaces_lone_surrogates_that_cannot_be_encoded() -> None:
    assert normalize_text("Москва\ud800") == "Москва\ufffd"


def test_it_removes_markdown_bold_markers() -> None:
    text = "**ПРОТОКОЛ**\n\n**Срок — до 28 декабря 2024 г.**\n__Москва__"
    assert normalize_text(text) == "ПРОТОКОЛ\n\nСрок — до 28 декабря 2024 г.\nМосква"


def test_it_keeps_underscore_blanks_to_fill_in() -> None:
    assert normalize_text("«___» ________ 2024 г.") == "«___» ________ 2024 г."


def test_it_unescapes_markdown_escapes() -> None:
    assert normalize_text(r"1\. обеспечить \*контроль\*") == "1. обеспечить *контроль*"


def test_it_strips_trailing_spaces_of_every_line() -> None:
    assert normalize_text("МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ  \nРОССИЙСКОЙ ФЕДЕРАЦИИ \t\n") == (
        "МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ\nРОССИЙСКОЙ ФЕДЕРАЦИИ\n"
    )


def test_the_sample_loses_its_markers_but_keeps_its_words(sample_normalized: str) -> None:
    assert "**" not in sample_normalized
    assert "\nПРОТОКОЛ\n" in sample_normalized
    assert "Срок — до 28 декабря 2024 г.\n" in sample_normalized


def test_lines_carry_offsets_into_the_text(sample_normalized: str) -> None:
    lines = list(iter_lines(sample_normalized))
    assert all(sample_normalized[ln.start : ln.end] == ln.text for ln in lines)
    assert len(lines) == sample_normalized.count("\n") + (not sample_normalized.endswith("\n"))


def test_a_range_starting_mid_line_yields_the_rest_of_that_line() -> None:
    text = "Председательствовал:\nСофронова М.И.\nПрисутствовали:"
    lines = list(iter_lines(text, 5, text.index("Присутствовали") + 4))
    assert [ln.text for ln in lines] == ["едательствовал:", "Софронова М.И.", "Прис"]
    assert lines[0].start == 5


def test_a_trailing_newline_does_not_open_an_empty_line() -> None:
    assert [ln.text for ln in iter_lines("Москва\n")] == ["Москва"]
    assert list(iter_lines("")) == []


def test_blank_lines_are_lines_of_their_own() -> None:
    assert [ln.text for ln in iter_lines("а\n\nб")] == ["а", "", "б"]


def test_paragraphs_join_their_lines_with_spaces() -> None:
    text = "Руководителям органов\nисполнительной власти\n\nО рассылке протокола"
    paragraphs = list(iter_paragraphs(text))
    assert [p.text for p in paragraphs] == [
        "Руководителям органов исполнительной власти",
        "О рассылке протокола",
    ]
    assert text[paragraphs[1].start : paragraphs[1].end] == "О рассылке протокола"


@pytest.mark.parametrize(
    "line",
    [
        "О рассылке протокола - 05",
        "- 2 -",
        "— 12 —",
        "3",
        "Страница 2 из 5",
        "2 из 5",
        "МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ",
        "РОССИЙСКОЙ ФЕДЕРАЦИИ",
        "(МИНПРОСВЕЩЕНИЯ РОССИИ)",
    ],
)
def test_it_recognises_page_break_debris(line: str) -> None:
    assert is_debris_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "",
        "ПРОТОКОЛ",
        "Москва",
        "Срок — до 28 декабря 2024 г.",
        "1. обеспечить контроль за выполнением квоты по количеству слушателей;",
        "Министерство просвещения Российской Федерации направляет протокол.",
        "Приложение: на 5 л. в 1 экз.",
        "Мелихова С.Е.",
        "ДЕПАРТАМЕНТУ ОБРАЗОВАНИЯ И НАУКИ:",
        "ПРАВИТЕЛЬСТВУ РОССИЙСКОЙ ФЕДЕРАЦИИ",
    ],
)
def test_it_keeps_content_lines(line: str) -> None:
    assert not is_debris_line(line)


def test_a_letterhead_line_must_be_in_capitals() -> None:
    assert is_letterhead_line("МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ")
    assert not is_letterhead_line("Министерство просвещения Российской Федерации просит")


def test_paragraphs_skip_debris_lines() -> None:
    text = "обеспечить явку\n- 2 -\nна стажировки"
    assert [p.text for p in iter_paragraphs(text)] == ["обеспечить явку", "на стажировки"]
