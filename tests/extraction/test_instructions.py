import datetime as dt

import pytest

from protokol.extraction.config import ExtractionConfig
from protokol.extraction.instructions import InstructionContext, extract_instructions
from protokol.extraction.model import DocumentKind, ExtractionWarning, Instruction

MEETING = dt.date(2024, 10, 23)
REGIONAL_AUTHORITIES = (
    "Исполнительным органам субъектов Российской Федерации, осуществляющим государственное "
    "управление в сфере образования"
)


def extract(
    text: str,
    *,
    section: str | None = "III",
    kind: DocumentKind = "protocol",
    start: int = 0,
    end: int | None = None,
) -> tuple[list[Instruction], list[ExtractionWarning]]:
    context = InstructionContext(text, section, kind, MEETING, ExtractionConfig())
    return extract_instructions(context, start, len(text) if end is None else end)


def ids(instructions: list[Instruction]) -> list[str]:
    return [i.id for i in instructions]


def test_it_reads_nothing_before_the_decision_of_a_section() -> None:
    text = (
        "(Муратов)\n\nПриняли к сведению доклад проректора Муратова А.В.\n\n"
        "По итогам обсуждения решили:\n\n"
        f"1. {REGIONAL_AUTHORITIES} обеспечить назначение руководителей ЦОПП.\n"
    )
    instructions, warnings = extract(text)
    assert ids(instructions) == ["III.1"]
    assert instructions[0].number == "1"
    assert instructions[0].section == "III"
    assert warnings == []


def test_a_section_with_a_report_noted_only_has_no_instructions_and_no_warning() -> None:
    instructions, warnings = extract(
        "(Золотарева)\n\nПриняли к сведению доклад президента Союза директоров Золотаревой Н.М.\n"
    )
    assert instructions == [] and warnings == []


def test_a_decision_followed_by_nothing_usable_is_reported() -> None:
    text = "По итогам обсуждения решили:\n\nПринять к сведению информацию докладчика.\n"
    instructions, warnings = extract(text)
    assert instructions == []
    assert [w.code for w in warnings] == ["decision_without_instructions"]
    assert warnings[0].span == (0, len("По итогам обсуждения решили:"))


def test_it_honours_the_body_bounds_it_is_given() -> None:
    first = f"РЕШИЛИ:\n1. {REGIONAL_AUTHORITIES} провести мониторинг.\n"
    text = first + "IV. Следующий раздел\nРЕШИЛИ:\n1. Регионам провести анализ.\n"
    instructions, _ = extract(text, end=len(first))
    assert len(instructions) == 1
    assert instructions[0].span[1] <= len(first)


def test_an_addressee_header_applies_to_every_item_until_the_block_ends() -> None:
    text = (
        "Решили:\n"
        f"{REGIONAL_AUTHORITIES}:\n"
        "1. обеспечить контроль за выполнением квоты;\n"
        "2. Министерству образования Белгородской области провести стажировки;\n"
        "3. рассмотреть возможность участия слушателей в финале.\n"
    )
    instructions, _ = extract(text)
    assert [i.addressees.all_regions for i in instructions] == [True, False, True]
    assert [r.code for r in instructions[1].addressees.regions] == ["31"]
    assert instructions[0].text == "обеспечить контроль за выполнением квоты"


def test_an_unnumbered_directive_with_its_own_addressee_ends_the_header_block() -> None:
    text = (
        "Решили:\n"
        "Органам исполнительной власти субъектов Российской Федерации направить информацию о "
        "добровольческой деятельности:\n"
        "1. организовать работу по принятию локальных актов;\n"
        "2. проинформировать обучающихся о курсах.\n"
        "Рекомендовать органам местного самоуправления поддержать акцию.\n"
    )
    instructions, _ = extract(text, section="IX")
    assert ids(instructions) == ["IX.1", "IX.2", "IX.3"]
    assert [i.report_required for i in instructions] == [True, True, False]
    assert [i.action for i in instructions] == ["organize", "inform", "other"]
    assert instructions[2].kind == "recommendation"
    assert instructions[2].addressees.others == ("органы местного самоуправления",)
    assert not instructions[2].addressees.all_regions


def test_items_without_a_verb_take_the_verb_of_their_header() -> None:
    text = (
        "1. Правительству Российской Федерации обеспечить:\n"
        "а) разработку программы модернизации колледжей;\n"
        "б) представление в Правительство доклада о ходе модернизации.\n"
    )
    instructions, _ = extract(text, section=None, kind="instructions")
    assert ids(instructions) == ["1а", "1б"]
    assert [i.action for i in instructions] == ["ensure", "report"]
    assert instructions[0].addressees.others == ("Правительство Российской Федерации",)
    assert instructions[0].text == "разработку программы модернизации колледжей"


def test_a_single_unnumbered_directive_gets_ordinal_one() -> None:
    instructions, _ = extract(f"Решили:\n{REGIONAL_AUTHORITIES} обеспечить внесение договоров.\n")
    assert ids(instructions) == ["III.1"]
    assert instructions[0].number is None


def test_unnumbered_instructions_take_the_next_free_ordinal() -> None:
    text = (
        "Решили:\n1. Регионам провести анализ.\n2. Регионам направить информацию.\n"
        "Рекомендовать регионам поддержать акцию.\n"
    )
    instructions, _ = extract(text, section="IX")
    assert ids(instructions) == ["IX.1", "IX.2", "IX.3"]
    assert [i.number for i in instructions] == ["1", "2", None]


def test_a_number_used_twice_in_a_body_still_gives_unique_ids() -> None:
    text = (
        "Поручить Правительству Российской Федерации:\n1. Обеспечить финансирование.\n"
        "Рекомендовать регионам:\n1. Провести мониторинг.\n"
    )
    instructions, _ = extract(text, section=None, kind="instructions")
    assert ids(instructions) == ["1", "2"]
    assert [i.number for i in instructions] == ["1", "1"]


def test_a_deadline_line_belongs_to_the_item_before_it_and_is_inherited_by_earlier_ones() -> None:
    text = (
        f"Решили:\n{REGIONAL_AUTHORITIES}:\n"
        "1. обеспечить контроль за выполнением квоты;\n"
        "2. обеспечить явку на стажировки.\n"
        "Срок — до 2 декабря 2024 г.\n"
        "3. рассмотреть возможность участия.\n"
        "Срок — до 26 ноября 2024 г.\n"
        "4. актуализировать информацию об операторе.\n"
    )
    instructions, _ = extract(text, section="V")
    deadlines = [
        (i.deadline.date, i.deadline.inherited) if i.deadline else None for i in instructions
    ]
    assert deadlines == [
        (dt.date(2024, 12, 2), True),
        (dt.date(2024, 12, 2), False),
        (dt.date(2024, 11, 26), False),
        None,
    ]
    assert instructions[1].deadline is not None
    assert instructions[1].deadline.text == "Срок — до 2 декабря 2024 г."
    assert "Срок" not in instructions[1].text


def test_a_deadline_line_right_after_a_header_applies_to_all_its_items() -> None:
    text = (
        f"{REGIONAL_AUTHORITIES}:\nСрок — до 20 декабря 2024 г.\n"
        "1. провести мониторинг трудоустройства;\n2. направить информацию о результатах.\n"
    )
    instructions, _ = extract(text)
    assert all(i.deadline is not None for i in instructions)
    assert {(i.deadline.date, i.deadline.inherited) for i in instructions if i.deadline} == {
        (dt.date(2024, 12, 20), True)
    }


def test_a_deadline_inside_the_item_is_its_own() -> None:
    text = f"Решили:\n1. {REGIONAL_AUTHORITIES} в срок до 15 ноября 2024 г. направить информацию.\n"
    (instruction,), _ = extract(text)
    assert instruction.deadline is not None
    assert instruction.deadline.date == dt.date(2024, 11, 15)
    assert not instruction.deadline.inherited


def test_a_bare_day_and_month_in_the_text_is_not_a_deadline() -> None:
    text = "Решили:\n1. Регионам организовать мероприятия ко Дню добровольца (5 декабря).\n"
    (instruction,), _ = extract(text)
    assert instruction.deadline is None


def test_page_debris_inside_a_sentence_is_skipped() -> None:
    text = (
        "Решили:\n\n2. Исполнительным органам субъектов Российской Федерации в сфере\n\n"
        "О рассылке протокола - 05\n\n"
        "образования обеспечить своевременное завершение работы.\n"
    )
    (instruction,), _ = extract(text)
    assert instruction.text == (
        "Исполнительным органам субъектов Российской Федерации в сфере образования обеспечить "
        "своевременное завершение работы."
    )
    assert instruction.addressees.all_regions


def test_a_mandatory_instruction_without_an_addressee_is_reported() -> None:
    (instruction,), warnings = extract("Решили:\n1. Обеспечить участие ректоров в совещании.\n")
    assert instruction.addressees.is_empty
    assert [w.code for w in warnings] == ["no_addressee"]
    assert warnings[0].span == instruction.span
    assert "III.1" in warnings[0].message


def test_a_recommendation_without_an_addressee_is_not_reported() -> None:
    (instruction,), warnings = extract("Рекомендовать:\n1. Провести совещание с ректорами.\n")
    assert instruction.kind == "recommendation"
    assert warnings == []


def test_region_warnings_of_an_item_are_returned() -> None:
    text = (
        "Решили:\n1. Исполнительным органам Тверской области, Тверской области, Сибирской "
        "области обеспечить участие.\n"
    )
    _, warnings = extract(text)
    assert sorted(w.code for w in warnings) == ["duplicate_region", "unknown_region"]


def test_deadline_warnings_are_added_once_for_a_shared_deadline() -> None:
    text = (
        "Решили:\n1. Регионам провести работу.\n2. Регионам обеспечить завершение работы.\n"
        "Срок исполнения – 1 декабря 2024 г.\n"
    )
    _, warnings = extract(text)
    assert [w.code for w in warnings] == ["deadline_non_working_day"]


@pytest.mark.parametrize(
    ("marker", "number", "expected_id"),
    [
        ("1.", "1", "III.1"),
        ("1)", "1", "III.1"),
        ("1.1.", "1.1", "III.1.1"),
        ("2.3.1", "2.3.1", "III.2.3.1"),
        ("IV.", "IV", "III.IV"),
        ("в)", "в", "III.в"),
        ("b)", "b", "III.b"),
    ],
)
def test_it_reads_every_numbering_style(marker: str, number: str, expected_id: str) -> None:
    (instruction,), _ = extract(f"Решили:\n{marker} Регионам провести мониторинг.\n")
    assert (instruction.number, instruction.id) == (number, expected_id)
    assert instruction.text == "Регионам провести мониторинг."


def test_lettered_sub_items_in_a_section_get_dotted_ids() -> None:
    text = "Решили:\n1. Регионам:\nа) провести мониторинг;\nб) направить информацию.\n"
    instructions, _ = extract(text)
    assert ids(instructions) == ["III.1.а", "III.1.б"]
    assert [i.number for i in instructions] == ["1а", "1б"]


def test_spans_cover_the_text_without_the_marker() -> None:
    text = "Решили:\n1. Регионам провести мониторинг;\n"
    (instruction,), _ = extract(text)
    start, end = instruction.span
    assert text[start:end] == "Регионам провести мониторинг"


def test_outside_an_operative_part_an_infinitive_without_addressee_is_narrative() -> None:
    text = (
        "Участники совещания отметили, что необходимо обеспечить преемственность программ "
        "наставничества.\n"
        f"{REGIONAL_AUTHORITIES} обеспечить участие колледжей в чемпионате.\n"
    )
    instructions, warnings = extract(text, kind="other", section=None)
    assert [i.text[:30] for i in instructions] == ["Исполнительным органам субъект"]
    assert warnings == []
