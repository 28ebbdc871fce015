"""Budgets live in one place and every one of them is documented for administrators."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from protokol.core.budgets import budget

README = Path(__file__).resolve().parents[2] / "README.md"


def test_every_budget_has_its_variable_in_the_readme_table():
    text = README.read_text(encoding="utf-8")
    missing = [
        variable
        for variable, _default, _unit in settings.PROTOKOL_BUDGET_VARIABLES.values()
        if f"`{variable}`" not in text
    ]
    assert missing == []


def test_an_unknown_budget_is_a_programming_error():
    with pytest.raises(KeyError, match="PROTOKOL_BUDGETS"):
        budget("no_such_budget")


def test_budget_reads_the_current_settings(settings):
    settings.PROTOKOL_BUDGETS = {**settings.PROTOKOL_BUDGETS, "xlsx_rows": 7}
    assert budget("xlsx_rows") == 7
