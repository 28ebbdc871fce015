"""JSON within the json_depth budget: nesting measured without recursion, strings aside."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from protokol.core.bounded_json import JsonTooDeep, loads, nests_deeper_than


def _depth(value: object) -> int:
    """The reference: nesting of a parsed value, by recursion (fine for small values)."""
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


# Strings full of the characters that could fool a scanner: brackets, quotes, backslashes.
tricky_text = st.text(alphabet='[]{}"\\\\ab', max_size=8)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | tricky_text,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(tricky_text, children, max_size=3)
    ),
    max_leaves=30,
)


@given(json_values)
def test_the_measured_depth_agrees_with_the_parsed_value(value):
    data = json.dumps(value).encode()
    depth = _depth(value)
    assert nests_deeper_than(data, depth - 1) or depth == 0
    assert not nests_deeper_than(data, depth)


def test_a_document_5000_levels_deep_is_refused_in_russian_before_parsing(settings):
    with pytest.raises(JsonTooDeep, match="вложенность JSON") as refused:
        loads("[" * 5000 + "]" * 5000)
    assert str(settings.PROTOKOL_BUDGETS["json_depth"]) in str(refused.value)


def test_nesting_up_to_the_budget_is_parsed(settings):
    settings.PROTOKOL_BUDGETS = {**settings.PROTOKOL_BUDGETS, "json_depth": 3}
    assert loads('{"a": [[1]]}') == {"a": [[1]]}
    with pytest.raises(JsonTooDeep):
        loads('{"a": [[[1]]]}')


def test_brackets_inside_strings_do_not_count(settings):
    settings.PROTOKOL_BUDGETS = {**settings.PROTOKOL_BUDGETS, "json_depth": 1}
    assert loads('["[[[[{{{{", "\\\\", "\\"[[[["]') == ["[[[[{{{{", "\\", '"[[[[']


def test_malformed_json_is_still_a_value_error_not_a_depth_refusal():
    with pytest.raises(ValueError) as refused:
        loads("{не json")
    assert not isinstance(refused.value, JsonTooDeep)
