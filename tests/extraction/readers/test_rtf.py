from __future__ import annotations

import pytest

from protokol.extraction.errors import ExtractionError
from protokol.extraction.readers import read_document
from tests.samples.render import render_rtf

HEADER = rb"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0\froman\fcharset204 Times New Roman;}}\f0 "


def test_it_reads_the_rendered_sample_line_for_line(sample_text, lines_of):
    result = read_document(render_rtf(sample_text), "protocol.rtf")

    assert result.format == "rtf"
    assert lines_of(result.text) == lines_of(sample_text)


def test_it_decodes_windows_1251_hex_escapes():
    data = HEADER + rb"\'cf\'d0\'ce\'d2\'ce\'ca\'ce\'cb \'b9 \'c405-98\par}"

    assert read_document(data).text == "ПРОТОКОЛ № Д05-98"


def test_it_decodes_hex_escapes_with_only_the_code_page_declared():
    data = rb"{\rtf1\ansi\ansicpg1251 \'f1\'f0\'ee\'ea \'97 \'e4\'ee 1 \'e4\'e5\'ea\'e0\'e1\'f0\'ff\par}"

    assert read_document(data).text == "срок — до 1 декабря"


def test_it_decodes_unicode_escapes_and_skips_their_fallback_characters():
    # Word writes \uN followed by a fallback for old readers: a «?» or a \'xx escape.
    data = HEADER + rb"\uc1\u1055?\u1088?\u1086\'e0\u1090?\u1086?\u1082?\u1086?\u1083? \u8470?\par}"

    assert read_document(data).text == "Протокол №"


def test_it_reads_unescaped_windows_1251_bytes_of_sloppy_writers():
    data = HEADER + "Приняли к сведению\\par}".encode("cp1251")

    assert read_document(data).text == "Приняли к сведению"


def test_it_is_recognised_by_content_whatever_the_name():
    result = read_document(render_rtf("Протокол совещания"), "protocol.doc")

    assert result.format == "rtf"
    assert result.text == "Протокол совещания"


def test_broken_rtf_gives_an_extraction_error_or_text_never_a_crash():
    for data in (rb"{\rtf1 \'zz\u", rb"{\rtf1 }}}}\par", rb"{\rtf1\ansicpg99999 \'e0}"):
        try:
            read_document(data, "protocol.rtf")
        except ExtractionError as error:
            assert error.code in {"unreadable", "empty"}


def test_an_rtf_without_text_is_empty():
    with pytest.raises(ExtractionError) as error:
        read_document(HEADER + rb"\par\par}", "protocol.rtf")

    assert error.value.code == "empty"
