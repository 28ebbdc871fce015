"""Search works on both databases: PostgreSQL full text ('russian'), SQLite stems."""

from __future__ import annotations

import pytest
from django.urls import reverse

from protokol.dashboards.search import search, stem

pytestmark = pytest.mark.django_db


def test_the_stem_is_shared_by_every_form_of_a_word():
    assert "квоты".startswith(stem("квота"))
    assert "слушателей".startswith(stem("слушатель"))


def test_search_finds_instructions_in_other_word_forms(executed, curator):
    results = search(curator, "квота слушатель")
    assert [i.code for i in results.instructions] == ["V.1"]


def test_search_finds_capitalised_words(executed, curator):
    results = search(curator, "исполнительный орган")
    assert "I.1" in {i.code for i in results.instructions}


def test_search_finds_reports_within_the_users_scope(
    executed, grow, curator, operator_a, operator_b
):
    grow()
    assert search(curator, "практики").reports
    assert all(r.assignment.region_id == "31" for r in search(operator_a, "практики").reports)
    assert search(operator_b, "практики").reports == []


def test_the_search_page_lists_results(executed, curator, login):
    html = login(curator).get(reverse("dashboards:search"), {"q": "квоты"}).content.decode()
    assert "V.1" in html
