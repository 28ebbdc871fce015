from __future__ import annotations

import codecs

import pytest

from protokol.extraction.errors import ExtractionError
from protokol.extraction.readers import read_document

# KOI8-R has no typographic dashes, quotes or «№»; real KOI8-R files use ASCII stand-ins.
_TO_ASCII = str.maketrans({"—": "-", "–": "-", "«": '"', "»": '"', "№": "N"})

SHORT_TEXTS = [
    "Протокол совещания\nСрок - до 28 декабря 2024 г.",
    "ПРОТОКОЛ\nСОВЕЩАНИЯ С РУКОВОДИТЕЛЯМИ ОРГАНОВ ВЛАСТИ",
    "Обеспечить назначение руководителей ЦОПП.",
    "Приняли к сведению доклад.\nРешили:\n1. Направить информацию.",
]


def test_it_reads_the_utf8_sample_line_for_line(sample_text, lines_of):
    result = read_document(sample_text.encode("utf-8"), "protocol.txt")

    assert result.format == "txt"
    assert lines_of(result.text) == lines_of(sample_text)
    assert "**Срок — до 28 декабря 2024 г.**" in result.text


def test_it_drops_the_utf8_byte_order_mark(sample_text):
    result = read_document(codecs.BOM_UTF8 + sample_text.encode("utf-8"), "protocol.txt")

    assert result.text.startswith("**МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ")


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
def test_it_recognises_the_sample_in_a_single_byte_russian_encoding(sample_text, encoding):
    text = sample_text.translate(_TO_ASCII)

    result = read_document(text.encode(encoding), "protocol.txt")

    assert result.text == read_document(text.encode("utf-8"), "protocol.txt").text


@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r"])
@pytest.mark.parametrize("text", SHORT_TEXTS)
def test_it_recognises_a_short_text_in_a_single_byte_russian_encoding(text, encoding):
    assert read_document(text.encode(encoding)).text == text


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_it_reads_utf16_with_a_byte_order_mark(encoding):
    bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE

    result = read_document(bom + SHORT_TEXTS[0].encode(encoding), "protocol.txt")

    assert result.text == SHORT_TEXTS[0]


def test_it_normalises_windows_and_old_mac_line_endings():
    data = "Протокол\r\nсовещания\rСрок — до 1 декабря 2024 г.".encode()

    assert read_document(data).text == "Протокол\nсовещания\nСрок — до 1 декабря 2024 г."


def test_it_still_reads_utf8_with_a_damaged_byte_as_utf8():
    data = "Протокол совещания Департамента".encode() + b"\xff" + " от 23 октября".encode()

    assert read_document(data).text.startswith("Протокол совещания Департамента")


def test_it_replaces_typographic_spaces_and_drops_invisible_characters():
    data = "28\xa0декабря\u00ad 2024\u200b г.\tСрок".encode()

    assert read_document(data).text == "28 декабря 2024 г. Срок"


def test_it_keeps_markdown_for_md_files(sample_text):
    result = read_document(sample_text.encode(), "protocol.md")

    assert result.format == "md"
    assert "**ПРОТОКОЛ**" in result.text


def test_it_refuses_binary_data_named_as_text():
    with pytest.raises(ExtractionError) as error:
        read_document(bytes(range(256)) * 4, "protocol.txt")

    assert error.value.code == "unsupported_format"


def test_it_recognises_the_sample_in_the_dos_encoding(sample_text):
    text = sample_text.translate(_TO_ASCII)

    assert read_document(text.encode("cp866"), "protocol.txt").text == (
        read_document(text.encode("utf-8"), "protocol.txt").text
    )


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_it_reads_utf16_without_a_byte_order_mark(sample_text, encoding):
    result = read_document(sample_text.encode(encoding), "protocol.txt")

    assert result.text == read_document(sample_text.encode("utf-8"), "protocol.txt").text


def test_it_reads_utf32_with_a_byte_order_mark():
    assert read_document(SHORT_TEXTS[3].encode("utf-32"), "protocol.txt").text == SHORT_TEXTS[3]


def test_the_utf8_byte_order_mark_and_text_in_utf8_are_read_alike(sample_text):
    plain = read_document(sample_text.encode("utf-8"), "protocol.txt").text

    assert read_document(codecs.BOM_UTF8 + sample_text.encode("utf-8")).text == plain


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("会议纪要 关于职业教育发展的决定 " * 40, "gb18030"),
        ("会議の議事録について、決定事項 " * 40, "shift_jis"),
    ],
)
def test_text_in_an_unknown_encoding_is_refused_in_russian(text, encoding):
    with pytest.raises(ExtractionError) as error:
        read_document(text.encode(encoding), "protocol.txt")

    assert error.value.code == "unknown_encoding"
    assert "кодировк" in error.value.message and "UTF-8" in error.value.message


def test_a_short_list_of_names_in_cp1251_is_not_taken_for_an_unknown_encoding():
    names = "Литвиненко С.Н., Мелихова С.Е., Плохих Л.Н., Белоусова Д.В., Скворцова Ю.А."

    assert read_document(names.encode("cp1251")).text == names
