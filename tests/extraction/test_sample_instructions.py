"""The 19 instructions of the sample protocol, each field asserted.

Decisions written down here (the sample is ambiguous about them):

* IX.1–IX.4 sit under «Органам … направить информацию о …:», so the regions must report on
  them: ``report_required`` is inherited from the header, the action is the item's own verb.
* VI.4 «актуализировать информацию о региональном операторе» updates data in place, nothing is
  sent back: action "other", no report.
* VII.1 «Обеспечить направление участников …» sends people, not information: "ensure".
* IX.2 «осуществить переход …» is no listed action: "other"; IX.5 «присоединиться … к
  поздравлениям» likewise.
* IX.4's «(5 декабря)» is the date of the holiday, not a term: no deadline.
"""

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from protokol.extraction.model import Instruction, ParseResult
from protokol.extraction.pipeline import parse_text

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "sample_protocol.txt"

III_1_REGIONS = [
    "31",
    "69",
    "71",
    "17",
    "79",
    "34",
    "29",
    "21",
    "20",
    "62",
    "13",
    "11",
    "10",
    "56",
    "48",
    "41",
    "07",
    "92",
    "32",
    "26",
    "02",
    "53",
    "42",
]
VIII_1_REGIONS = [
    "32",
    "33",
    "34",
    "93",
    "07",
    "44",
    "54",
    "57",
    "06",
    "15",
    "17",
    "19",
    "95",
    "76",
]

# id: (kind, action, report_required, deadline date, inherited)
EXPECTED = {
    "I.1": ("mandatory", "ensure", False, None, None),
    "III.1": ("mandatory", "appoint", False, dt.date(2024, 12, 28), False),
    "III.2": ("mandatory", "ensure", False, dt.date(2024, 12, 28), False),
    "V.1": ("mandatory", "ensure", False, dt.date(2024, 12, 2), True),
    "V.2": ("mandatory", "ensure", False, dt.date(2024, 12, 2), False),
    "V.3": ("mandatory", "consider", False, dt.date(2024, 11, 26), False),
    "VI.1": ("mandatory", "ensure", False, dt.date(2024, 12, 28), False),
    "VI.2": ("mandatory", "report", True, dt.date(2024, 11, 29), False),
    "VI.3": ("mandatory", "report", True, dt.date(2024, 12, 13), False),
    "VI.4": ("mandatory", "other", False, None, None),
    "VII.1": ("mandatory", "ensure", False, None, None),
    "VII.2": ("mandatory", "ensure", False, None, None),
    "VIII.1": ("mandatory", "organize", False, dt.date(2024, 12, 1), True),
    "VIII.2": ("mandatory", "ensure", False, dt.date(2024, 12, 1), False),
    "IX.1": ("mandatory", "organize", True, None, None),
    "IX.2": ("mandatory", "other", True, None, None),
    "IX.3": ("mandatory", "inform", True, None, None),
    "IX.4": ("mandatory", "organize", True, None, None),
    "IX.5": ("recommendation", "other", False, dt.date(2024, 12, 5), False),
}
ALL_REGION_IDS = {i for i in EXPECTED if i not in {"III.1", "III.2", "VIII.1"}}


@cache
def parsed() -> ParseResult:
    return parse_text(SAMPLE.read_text("utf-8"))


@cache
def by_id() -> dict[str, Instruction]:
    return {i.id: i for i in parsed().instructions}


def test_the_sample_has_exactly_nineteen_instructions_in_document_order() -> None:
    assert [i.id for i in parsed().instructions] == list(EXPECTED)


@pytest.mark.parametrize("instruction_id", list(EXPECTED))
def test_each_instruction_has_the_decided_kind_action_report_flag_and_deadline(
    instruction_id: str,
) -> None:
    kind, action, report, date, inherited = EXPECTED[instruction_id]
    instruction = by_id()[instruction_id]
    assert (instruction.kind, instruction.action, instruction.report_required) == (
        kind,
        action,
        report,
    )
    if date is None:
        assert instruction.deadline is None
    else:
        assert instruction.deadline is not None
        assert instruction.deadline.date == date
        assert instruction.deadline.inherited is inherited


@pytest.mark.parametrize("instruction_id", sorted(ALL_REGION_IDS))
def test_instructions_to_the_regional_authorities_go_to_all_regions(instruction_id: str) -> None:
    addressees = by_id()[instruction_id].addressees
    assert addressees.all_regions
    assert addressees.regions == ()
    assert addressees.condition is None


def test_section_one_is_a_single_unnumbered_instruction_with_employers_as_co_executors() -> None:
    instruction = by_id()["I.1"]
    assert instruction.number is None
    assert instruction.section == "I"
    assert instruction.addressees.co_executors == ("работодатели",)
    assert instruction.text.startswith("Исполнительным органам субъектов Российской Федерации")
    assert instruction.text.endswith("заключенных в 2024 году в бумажном виде.")


def test_iii_1_lists_23_distinct_regions_and_warns_about_chuvashia_named_twice() -> None:
    instruction = by_id()["III.1"]
    assert [r.code for r in instruction.addressees.regions] == III_1_REGIONS
    assert not instruction.addressees.all_regions
    duplicates = [w for w in parsed().warnings if w.code == "duplicate_region"]
    assert len(duplicates) == 1
    assert "Чувашская Республика" in duplicates[0].message
    assert duplicates[0].span is not None
    start, end = duplicates[0].span
    assert parsed().text[start:end] == "Чувашской Республики"
    first = next(r for r in instruction.addressees.regions if r.code == "21")
    assert first.span[0] < start


def test_iii_1_keeps_each_region_as_written_with_its_span() -> None:
    text = parsed().text
    regions = by_id()["III.1"].addressees.regions
    assert {r.as_written for r in regions} >= {"г. Севастополя", "Кемеровской области"}
    assert all(text[r.span[0] : r.span[1]] == r.as_written for r in regions)


def test_iii_2_is_addressed_to_regions_with_a_copp_chosen_at_review() -> None:
    addressees = by_id()["III.2"].addressees
    assert addressees.condition == "на территории которых созданы ЦОПП"
    assert addressees.regions == ()
    assert not addressees.all_regions


def test_viii_1_lists_its_fourteen_regions() -> None:
    addressees = by_id()["VIII.1"].addressees
    assert [r.code for r in addressees.regions] == VIII_1_REGIONS
    assert not addressees.all_regions


def test_viii_deadline_on_a_sunday_is_due_the_friday_before() -> None:
    deadline = by_id()["VIII.2"].deadline
    assert deadline is not None
    assert deadline.date == dt.date(2024, 12, 1)
    assert deadline.due_date == dt.date(2024, 11, 29)
    assert deadline.text == "Срок исполнения – 1 декабря 2024 г."
    assert any(w.code == "deadline_non_working_day" for w in parsed().warnings)


def test_the_ix_recommendation_takes_the_date_in_its_text_as_deadline() -> None:
    instruction = by_id()["IX.5"]
    assert instruction.number is None
    assert instruction.text.startswith("Рекомендовать органам исполнительной власти")
    assert instruction.deadline is not None
    assert instruction.deadline.basis == "inline"


def test_a_paragraph_broken_by_a_blank_line_is_one_instruction() -> None:
    assert by_id()["VI.2"].text == (
        "направить информацию о реализованных мероприятиях в рамках проведения "
        "информационной кампании, популяризирующей Конкурс"
    )
    assert by_id()["VIII.2"].text.startswith(
        "Исполнительным органам субъектов Российской Федерации в сфере образования обеспечить"
    )


def test_texts_have_no_markdown_no_deadline_line_and_match_their_spans() -> None:
    text = parsed().text
    for instruction in parsed().instructions:
        assert "**" not in instruction.text
        assert "Срок" not in instruction.text
        start, end = instruction.span
        assert " ".join(text[start:end].split()) == instruction.text


def test_the_sample_raises_no_addressee_or_unknown_region_warnings() -> None:
    codes = {w.code for w in parsed().warnings}
    assert not codes & {"no_addressee", "unknown_region", "decision_without_instructions"}
