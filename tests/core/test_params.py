"""Reading ids, pages, dates, text and ``next`` from a request (core.params)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory

from protokol.core.params import (
    MAX_ID,
    BadParameter,
    IdConverter,
    date_param,
    id_list_param,
    id_param,
    int_param,
    page_param,
    safe_next,
    text_param,
)

# Digits to ``str.isdigit`` that are not ASCII: «²» (int() refuses it), «١٢» and «１２»
# (int() reads both as 12), and numbers wider than a 64-bit id.
NOT_AN_ID = ["²", "١٢", "１２", "-1", "0", "1.5", "1e3", "9" * 20, str(MAX_ID + 1), "9" * 10_240]


@pytest.mark.parametrize("value", NOT_AN_ID)
def test_an_id_is_ascii_digits_within_a_64_bit_column(value):
    with pytest.raises(BadParameter, match="Параметр «protocol»: ожидается номер записи"):
        id_param(value, name="protocol")


def test_an_id_reads_ascii_digits_up_to_the_widest_column_value():
    assert id_param(" 12 ", name="protocol") == 12
    assert id_param(str(MAX_ID), name="protocol") == MAX_ID


@pytest.mark.parametrize("value", [None, ""])
def test_an_absent_id_is_none(value):
    assert id_param(value, name="protocol") is None


def test_a_list_of_ids_skips_empty_ones_and_refuses_a_bad_one():
    assert id_list_param(["3", "", "5"], name="id") == [3, 5]
    with pytest.raises(BadParameter, match="«id»"):
        id_list_param(["3", "9" * 20], name="id")


@pytest.mark.parametrize("value", ["²", "١٢", "0", "-2", "9" * 20, "100001"])
def test_a_page_number_is_a_bounded_ascii_number(value):
    with pytest.raises(BadParameter, match="Параметр «page»: ожидается целое число от 1 до"):
        page_param(value)


def test_a_page_number_defaults_to_the_first_page():
    assert page_param(None) == 1
    assert page_param("") == 1
    assert page_param("7") == 7


def test_an_integer_has_its_own_bounds_and_default():
    assert int_param(None, name="at", default=0) == 0
    assert int_param("40", name="at", default=0) == 40
    with pytest.raises(BadParameter, match="«at»"):
        int_param("x", name="at", default=0)


@pytest.mark.parametrize(
    "value", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01", "2024-02-30", "20240101",
              "2024-W01-1", "٢٠٢٤-٠١-٠١", "2024-01-01T00:00", "вчера"]
)  # fmt: skip
def test_a_date_is_an_iso_date_between_2000_and_2100(value):
    with pytest.raises(BadParameter, match="Параметр «since»: ожидается дата в виде ГГГГ-ММ-ДД"):
        date_param(value, name="since", default=dt.date(2024, 1, 1))


def test_a_date_reads_the_date_inputs_value_and_defaults_when_absent():
    default = dt.date(2024, 1, 1)
    assert date_param("2024-12-03", name="since", default=default) == dt.date(2024, 12, 3)
    assert date_param("", name="since", default=default) == default
    assert date_param(None, name="since", default=default) == default


def test_text_is_stripped_and_cut_and_a_nul_is_refused():
    assert text_param("  цопп ", name="q", max_length=200) == "цопп"
    assert text_param("я" * 500, name="q", max_length=200) == "я" * 200
    assert text_param(None, name="q", max_length=200) == ""
    with pytest.raises(BadParameter, match="«q» содержит недопустимый символ"):
        text_param("a\x00b", name="q", max_length=200)


@pytest.mark.parametrize("value", ["١٢", "²", "9" * 20, "0"])
def test_the_id_converter_matches_no_route_for_what_is_not_an_id(value):
    converter = IdConverter()
    with pytest.raises(ValueError):
        converter.to_python(value)


def test_the_id_converter_reads_an_id():
    assert IdConverter().to_python("42") == 42


@pytest.mark.parametrize(
    "target",
    ["javascript:alert(1)", "//evil.example", "https://evil.example/", "/\\evil.example",
     "\\\\evil.example", "-1", "notifications:list", "http://testserver.evil.example/"],
)  # fmt: skip
def test_next_leaving_the_site_or_not_a_path_falls_back_to_the_default(target):
    request = RequestFactory().post("/notifications/read/", {"next": target})
    assert safe_next(request, "/default/") == "/default/"


def test_next_within_the_site_is_followed_from_the_form_or_the_address():
    assert (
        safe_next(RequestFactory().post("/x/", {"next": "/control/?q=1"}), "/d/") == "/control/?q=1"
    )
    assert (
        safe_next(RequestFactory().get("/x/", {"next": "/assignments/"}), "/d/") == "/assignments/"
    )
    assert safe_next(RequestFactory().post("/x/"), "/d/") == "/d/"
