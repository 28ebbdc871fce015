from __future__ import annotations

import pytest

from protokol.extraction.readers import read_document
from protokol.extraction.readers.html import _TextCollector
from tests.samples.render import render_html


def read(markup: str, encoding: str = "utf-8", filename: str = "protocol.html") -> str:
    return read_document(markup.encode(encoding), filename).text


def test_it_reads_the_rendered_sample_line_for_line(sample_text, lines_of):
    result = read_document(render_html(sample_text), "protocol.html")

    assert result.format == "html"
    assert lines_of(result.text) == lines_of(sample_text)


def test_block_elements_become_paragraphs_and_br_a_line_break():
    markup = "<html><body><h1>ПРОТОКОЛ</h1><div>Председательствовал:<br>Софронова М.И.</div></body></html>"

    assert read(markup) == "ПРОТОКОЛ\n\nПредседательствовал:\nСофронова М.И."


def test_scripts_styles_and_the_title_are_dropped():
    markup = (
        "<html><head><title>Заголовок окна</title><style>p{color:red}</style></head>"
        "<body><script>var срок = 1;</script><p>Приняли к сведению</p></body></html>"
    )

    assert read(markup) == "Приняли к сведению"


def test_padding_after_a_list_number_collapses_to_one_space():
    markup = "<html><p>1.<span>&nbsp;&nbsp;&nbsp; </span>Обеспечить явку.</p></html>"

    assert read(markup) == "1. Обеспечить явку."


def test_entities_are_decoded_and_source_whitespace_collapsed():
    markup = "<html><p>портал &laquo;Работа\n   в&nbsp;России&raquo; &#8212; до 28&#160;декабря</p></html>"

    assert read(markup) == "портал «Работа в России» — до 28 декабря"


def test_ordered_list_items_get_their_numbers_and_tables_rows_become_lines():
    markup = (
        "<html><body><ol start='2'><li>обеспечить явку</li><li>направить информацию</li></ol>"
        "<ul><li>Белгородская область</li></ul>"
        "<table><tr><th>Субъект</th><th>Дата совещания</th></tr>"
        "<tr><td><p>Тверская область</p></td><td>2 декабря 2024 г.</td></tr></table></body></html>"
    )

    assert read(markup).splitlines() == [
        "2. обеспечить явку",
        "",
        "3. направить информацию",
        "",
        "Белгородская область",
        "",
        "Субъект | Дата совещания",
        "",
        "Тверская область | 2 декабря 2024 г.",
    ]


def test_preformatted_text_keeps_its_lines():
    assert read("<html><pre>Срок:\n  до 1 декабря</pre></html>") == "Срок:\n  до 1 декабря"


def test_it_uses_the_declared_charset():
    markup = '<html><head><meta charset="windows-1251"></head><p>Протокол совещания</p></html>'

    assert read(markup, "cp1251") == "Протокол совещания"


def test_without_a_declaration_it_guesses_the_encoding_like_plain_text():
    assert read("<html><p>Протокол совещания</p></html>", "koi8_r") == "Протокол совещания"


def test_a_misspelt_charset_falls_back_to_guessing():
    markup = '<html><meta charset="windows-1251x"><p>Протокол совещания</p></html>'

    assert read(markup, "cp1251") == "Протокол совещания"


def test_html_is_recognised_by_content_even_when_named_txt():
    result = read_document(
        "<!-- saved -->\n<!DOCTYPE html><p>Протокол</p>".encode(), "protocol.txt"
    )

    assert result.format == "html"
    assert result.text == "Протокол"


def test_omitted_closing_tags_of_cells_and_rows_do_not_lose_text():
    markup = "<html><table><tr><td>Тверская область<td>до 1 декабря<tr><td>Тульская область</table>"

    assert read(markup) == "Тверская область | до 1 декабря\n\nТульская область"


def test_a_head_without_its_closing_tag_does_not_hide_the_body():
    markup = "<html><head><meta charset=utf-8><title>Протокол</title><body><p>Решили:</p>"

    assert read(markup) == "Решили:"


def test_markup_left_unfinished_at_the_end_reads_as_text():
    markup = "<html><body><p>Обеспечить явку</p>Срок <b>до 1 мая</b> <a <a <![CDATA[ x"

    assert read(markup) == "Обеспечить явку\n\nСрок до 1 мая <a <a <![CDATA[ x"


def test_word_conditional_sections_still_show_list_numbers():
    markup = "<html><body><p><![if !supportLists]>1.<![endif]> Обеспечить явку</p>"

    assert read(markup) == "1. Обеспечить явку"


def _rescanned(monkeypatch, method: str, markup: str) -> int:
    """The characters html.parser has ahead of it, summed over the calls of ``method``: each
    call on unfinished markup searches them all for the end it never finds."""
    total = 0
    original = getattr(_TextCollector, method)

    def counting(self, i, *args):
        nonlocal total
        total += len(self.rawdata) - i
        return original(self, i, *args)

    monkeypatch.setattr(_TextCollector, method, counting)
    read(markup)
    return total


@pytest.mark.parametrize(
    ("method", "unit"),
    [("parse_starttag", "<a "), ("parse_marked_section", "<![CDATA[ >")],
)
def test_unfinished_markup_is_not_rescanned_to_the_end_each_time(monkeypatch, method, unit):
    head = "<html><body><p>Обеспечить явку</p>"
    short = _rescanned(monkeypatch, method, head + unit * 2_000)
    long = _rescanned(monkeypatch, method, head + unit * 4_000)

    assert long <= 2.2 * short + 1_000


def test_spans_and_list_starts_in_other_digits_are_ignored():
    text = read(
        '<table><tr><td colspan="²">Белгородская область</td></tr></table>'
        '<ol start="١٢"><li>обеспечить контроль</li></ol>'
    )
    assert "Белгородская область" in text and "обеспечить контроль" in text
