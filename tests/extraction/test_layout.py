"""Extraction holds on real layouts: hard wraps, hyphenation, glued and mid-line item numbers,
Arabic-numbered sections, deadlines in brackets or before their items, responsible lines."""

from __future__ import annotations

import datetime as dt

import pytest

from protokol.extraction import parse_text
from protokol.extraction.config import ExtractionConfig
from protokol.extraction.instructions import InstructionContext, extract_instructions
from protokol.extraction.model import DocumentKind, Instruction
from protokol.extraction.normalize import normalize_text
from protokol.extraction.segmentation import keyword_of

MEETING = dt.date(2024, 10, 23)
AUTHORITIES = "Органам исполнительной власти субъектов Российской Федерации"


def extract(
    text: str, *, section: str | None = None, kind: DocumentKind = "protocol"
) -> list[Instruction]:
    normalized = normalize_text(text)
    context = InstructionContext(normalized, section, kind, MEETING, ExtractionConfig())
    instructions, _ = extract_instructions(context, 0, len(normalized))
    return instructions


# --- words hyphenated across line breaks ------------------------------------------------------


def test_a_word_hyphenated_at_a_line_end_is_joined() -> None:
    assert normalize_text("Органам обеспе-\nчить назначение") == "Органам обеспечить назначение"


def test_a_hyphenated_region_name_resolves_and_its_span_points_at_the_joined_word() -> None:
    result = parse_text(
        "Решили:\n1. Исполнительным органам Белгород-\nской области и Кабардино-\n"
        "Балкарской Республики обеспечить назначение руководителей ЦОПП.\n"
    )
    (instruction,) = result.instructions
    regions = instruction.addressees.regions
    assert [r.code for r in regions] == ["31", "07"]
    assert [result.text[r.span[0] : r.span[1]] for r in regions] == [
        "Белгородской области",
        "Кабардино-Балкарской Республики",
    ]


def test_a_compound_hyphen_at_a_line_end_is_kept() -> None:
    assert normalize_text("социально-\nэкономического развития") == (
        "социально-экономического развития"
    )


@pytest.mark.parametrize(
    ("written", "joined"),
    [
        ("Кабардино-\nБалкарской", "Кабардино-Балкарской"),
        ("Ханты-\nМансийский", "Ханты-Мансийский"),
    ],
)
def test_a_capitalised_continuation_keeps_the_hyphen(written: str, joined: str) -> None:
    assert normalize_text(written) == joined


def test_a_word_the_dictionary_does_not_know_is_joined_when_its_halves_are_no_words() -> None:
    assert normalize_text("проекта «Профессионали-\nтет»") == "проекта «Профессионалитет»"


def test_a_word_hyphenated_across_a_page_number_is_joined_before_it() -> None:
    assert normalize_text("«Навыки волонте-\n\n- 8 -\n\nрской деятельности") == (
        "«Навыки волонтерской\n\n- 8 -\n\nдеятельности"
    )


def test_a_line_between_hyphen_and_continuation_that_is_no_debris_is_left_alone() -> None:
    assert normalize_text("обеспе-\nчить\nруководителей") == "обеспечить\nруководителей"


def test_a_soft_hyphen_at_a_line_end_joins_the_word() -> None:
    assert normalize_text("профес\u00ad\n  сионального") == "профессионального"


def test_a_hyphen_between_numbers_at_a_line_end_is_not_a_word_break() -> None:
    assert normalize_text("в 2024-\n2025 годах") == "в 2024-\n2025 годах"


def test_hyphenated_words_are_joined_after_a_megabyte_line() -> None:
    # How long this takes is measured by `make bench` (one 1 MB line), never asserted here.
    text = "а" * 1_000_000 + "-\nб" + " обеспе-\nчить" * 10_000
    normalized = normalize_text(text)
    assert normalized.count("обеспечить") == 10_000
    assert normalized.startswith("а" * 1_000_000)


# --- item numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("marker", "number"), [("1.", "1"), ("1.3.", "1.3"), ("2)", "2"), ("4.", "4")]
)
def test_an_item_number_glued_to_the_text_is_read(marker: str, number: str) -> None:
    (instruction,) = extract(f"Решили:\n{marker}Рекомендовать регионам провести мониторинг.\n")
    assert instruction.number == number
    assert instruction.text == "Рекомендовать регионам провести мониторинг."


def test_numbered_sub_items_starting_mid_line_are_instructions_of_their_own() -> None:
    instructions = extract(
        f"Решили:\n{AUTHORITIES} обеспечить следующее: 1) провести мониторинг; "
        "2) направить информацию в Минпросвещения России.\n"
    )
    assert [(i.number, i.text) for i in instructions] == [
        ("1", "провести мониторинг"),
        ("2", "направить информацию в Минпросвещения России."),
    ]
    assert all(i.addressees.all_regions for i in instructions)


def test_parenthesised_sub_items_under_a_numbered_item_get_dotted_ids() -> None:
    instructions = extract(
        f"Решили:\n3. {AUTHORITIES}:\n1) провести мониторинг;\n2) направить информацию.\n",
        section="IV",
    )
    assert [i.id for i in instructions] == ["IV.3.1", "IV.3.2"]


def test_items_numbered_in_sequence_inside_a_run_together_paragraph_are_split() -> None:
    instructions = extract(
        "В целях развития транспорта: 1. Минтрансу России разработать программу. "
        "2. Рекомендовать органам исполнительной власти субъектов Российской Федерации "
        "принять участие в реализации программы.",
        kind="instructions",
    )
    assert [i.number for i in instructions] == ["1", "2"]
    assert instructions[1].kind == "recommendation"


def test_a_run_together_paragraph_starting_with_item_one_continues_with_item_two() -> None:
    instructions = extract(
        "1. Предприятиям теплоснабжения начать отопительный сезон с 17 сентября 2021 года. "
        "2. Руководителям организаций обеспечить подачу тепла в учреждения социальной сферы.",
        kind="instructions",
    )
    assert [i.number for i in instructions] == ["1", "2"]
    assert instructions[1].text.startswith("Руководителям организаций")


def test_capitalised_lines_under_a_verb_lead_in_list_recipients_not_instructions() -> None:
    instructions = extract(
        "Выделить из резервного фонда Правительства Российской Федерации средства:\n"
        "Правительству Республики Алтай - 4115 тыс. рублей на оказание помощи;\n"
        "МЧС России - до 6900 тыс. рублей для оплаты расходов.\n",
        kind="instructions",
    )
    assert instructions == []


def test_a_cited_item_number_inside_a_paragraph_starts_no_item() -> None:
    instructions = extract(
        "Решили:\n1. Минтрансу России разработать программу в соответствии с п. 2. Положения "
        "о министерстве.\n"
    )
    assert [i.number for i in instructions] == ["1"]


def test_a_numbered_lead_in_with_unmarked_clauses_is_one_instruction() -> None:
    (instruction,) = extract(
        "2. Федеральным органам исполнительной власти:\nпринять меры по выполнению плана;\n"
        "представлять в Минкультуры России ежегодно, до 1 апреля, информацию о ходе "
        "выполнения плана.\n",
        kind="instructions",
    )
    assert instruction.number == "2"
    assert instruction.text.startswith("Федеральным органам исполнительной власти: принять меры")
    assert instruction.text.endswith("информацию о ходе выполнения плана.")


def test_a_wrapped_line_ending_with_the_citys_abbreviation_continues_the_sentence() -> None:
    (instruction,) = extract(
        f"Решили:\n1. {AUTHORITIES} обеспечить участие в финале в г.\nСанкт-Петербурге.\n"
    )
    assert instruction.text.endswith("в г. Санкт-Петербурге.")


def test_a_year_at_a_line_end_still_ends_the_sentence() -> None:
    instructions = extract(
        f"Решили:\n{AUTHORITIES} обеспечить мониторинг до 1 декабря 2024 г.\n"
        "Минтрансу России разработать программу.\n"
    )
    assert len(instructions) == 2


def test_a_dash_a_wrap_put_first_on_a_line_continues_the_sentence() -> None:
    (instruction,) = extract(
        f"Решили:\n1. {AUTHORITIES} обеспечить работу с организациями\n– участниками проекта.\n"
    )
    assert instruction.text.endswith("организациями – участниками проекта.")


# --- Arabic-numbered sections -------------------------------------------------------------------

ARABIC_PROTOCOL = """\
ПРОТОКОЛ
заседания штаба по вопросам развития образования

12.03.2025 № 7

Председательствовал: Иванов И.И.

Присутствовали:
Петрова А.А., Сидоров Б.Б.

Повестка дня:
1. О ходе приёмной кампании.
2. Об итогах мониторинга трудоустройства.

1. О ходе приёмной кампании
(Петрова)

РЕШИЛИ:
1.1. Органам исполнительной власти субъектов Российской Федерации обеспечить \
информирование абитуриентов.
Срок – до 2 июня 2025 г.
1.2. Рекомендовать работодателям принять участие в заключении договоров.

2. Об итогах мониторинга трудоустройства

СЛУШАЛИ: Сидорова Б.Б. – директора департамента.

РЕШИЛИ:
2.1. Информацию принять к сведению.
2.2. Органам исполнительной власти субъектов Российской Федерации направить информацию \
о трудоустройстве выпускников.

Председатель штаба

И.И. Иванов
"""


def test_arabic_numbered_sections_read_with_title_and_speakers() -> None:
    document = parse_text(ARABIC_PROTOCOL).documents[0]
    assert [(s.number, s.title, [p.name for p in s.speakers]) for s in document.sections] == [
        ("1", "О ходе приёмной кампании", ["Петрова А.А."]),
        ("2", "Об итогах мониторинга трудоустройства", ["Сидоров Б.Б."]),
    ]


def test_items_numbered_n_m_under_arabic_section_n_get_ids_n_m() -> None:
    result = parse_text(ARABIC_PROTOCOL)
    assert [(i.id, i.number) for i in result.instructions] == [
        ("1.1", "1.1"),
        ("1.2", "1.2"),
        ("2.2", "2.2"),
    ]


def test_the_agenda_list_above_arabic_sections_is_neither_a_section_nor_an_attendee() -> None:
    document = parse_text(ARABIC_PROTOCOL).documents[0]
    assert len(document.sections) == 2
    assert [g.organization for g in document.attendees] == [""]


def test_a_speaker_named_in_a_reporter_line_is_read_in_the_nominative() -> None:
    text = ARABIC_PROTOCOL.replace("(Петрова)", "Докладчик: Петрова А.А.")
    section = parse_text(text).documents[0].sections[0]
    assert [p.name for p in section.speakers] == ["Петрова А.А."]


def test_a_reporter_in_brackets_at_the_title_end_is_the_speaker_not_the_title() -> None:
    text = ARABIC_PROTOCOL.replace(
        "1. О ходе приёмной кампании\n(Петрова)",
        "1. О ходе приёмной кампании (докладчик – Петрова А.А.)",
    )
    section = parse_text(text).documents[0].sections[0]
    assert (section.title, [p.name for p in section.speakers]) == (
        "О ходе приёмной кампании",
        ["Петрова А.А."],
    )


def test_a_reporter_bracket_on_its_own_line_opens_an_arabic_section() -> None:
    text = ARABIC_PROTOCOL.replace(
        "\nСЛУШАЛИ: Сидорова Б.Б. – директора департамента.\n", "(Докладчик: Сидоров Б.Б.)\n"
    )
    sections = parse_text(text).documents[0].sections
    assert [(s.number, [p.name for p in s.speakers]) for s in sections] == [
        ("1", ["Петрова А.А."]),
        ("2", ["Сидоров Б.Б."]),
    ]


def test_items_n_1_under_a_heading_make_it_a_section_without_speakers() -> None:
    text = ARABIC_PROTOCOL.replace("(Петрова)\n\nРЕШИЛИ:\n", "")
    document = parse_text(text).documents[0]
    first = document.sections[0]
    assert (first.number, first.speakers) == ("1", ())
    assert [i.id for i in document.sections[0].instructions] == ["1.1", "1.2"]


def test_top_level_items_of_a_protocol_without_sections_stay_items() -> None:
    text = (
        "ПРОТОКОЛ\nзаседания рабочей группы\n\n12.03.2025 № 3\n\nРешили:\n"
        "1. О ходе работы Минтрансу России доложить до 1 июня 2025 г.\n"
        f"2. {AUTHORITIES} обеспечить заключение договоров.\n"
    )
    document = parse_text(text).documents[0]
    (section,) = document.sections
    assert section.number is None
    assert [i.id for i in section.instructions] == ["1", "2"]


def test_numbered_lead_ins_with_sub_items_in_a_protocol_without_sections_stay_items() -> None:
    text = (
        "ПРОТОКОЛ\nзаседания рабочей группы\n\n12.03.2025 № 3\n\nРешили:\n"
        f"1. {AUTHORITIES}:\n1.1. обеспечить заключение договоров;\n1.2. провести мониторинг.\n"
        "2. Минтрансу России обеспечить разработку программы\n2.1. в части перевозок.\n"
    )
    (section,) = parse_text(text).documents[0].sections
    assert section.number is None
    assert [i.id for i in section.instructions][:2] == ["1.1", "1.2"]
    assert all(i.addressees.all_regions for i in section.instructions[:2])


# --- deadlines ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("(срок – 28.12.2024)", dt.date(2024, 12, 28)),
        ("(Срок: до 1 марта 2025 г.)", dt.date(2025, 3, 1)),
        ("В срок до 28 декабря 2024 года.", dt.date(2024, 12, 28)),
    ],
)
def test_a_deadline_on_a_line_of_its_own_belongs_to_the_items_before_it(
    line: str, date: dt.date
) -> None:
    first, second = extract(
        f"Решили:\n{AUTHORITIES}:\n1. провести мониторинг;\n2. обеспечить участие.\n{line}\n"
    )
    assert second.text == "обеспечить участие."
    assert second.deadline is not None and first.deadline is not None
    assert (second.deadline.date, second.deadline.inherited) == (date, False)
    assert (first.deadline.date, first.deadline.inherited) == (date, True)


def test_a_deadline_in_the_lead_in_applies_to_every_item_of_the_block() -> None:
    instructions = extract(
        f"Решили:\n{AUTHORITIES} в срок до 1 марта 2025 г. обеспечить:\n"
        "1. проведение мониторинга;\n2. участие колледжей в чемпионате.\n"
    )
    assert [(i.deadline.date, i.deadline.inherited) for i in instructions if i.deadline] == [
        (dt.date(2025, 3, 1), True),
        (dt.date(2025, 3, 1), True),
    ]


def test_a_closing_report_line_makes_the_items_of_its_block_report() -> None:
    instructions = extract(
        f"Решили:\n{AUTHORITIES}:\n1. провести мониторинг;\n2. обеспечить участие.\n"
        "О результатах доложить в Минпросвещения России до 1 марта 2025 г.\n"
    )
    assert [i.number for i in instructions] == ["1", "2"]
    assert all(i.report_required for i in instructions)
    assert [i.deadline.date for i in instructions if i.deadline] == [dt.date(2025, 3, 1)] * 2


def test_a_closing_information_line_of_a_numbered_block_is_no_instruction_of_its_own() -> None:
    instructions = extract(
        f"Решили:\n1. {AUTHORITIES} провести мониторинг.\n"
        "Информацию о ходе исполнения представить в Минпросвещения России.\n"
    )
    assert [(i.number, i.report_required) for i in instructions] == [("1", True)]


def test_a_deadline_label_with_its_date_on_the_next_line_is_one_deadline_line() -> None:
    (instruction,) = extract(
        f"Решили:\n1. {AUTHORITIES} провести мониторинг.\nСрок исполнения:\nдо 1 марта 2025 г.\n"
    )
    assert instruction.text.endswith("провести мониторинг.")
    assert instruction.deadline is not None
    assert instruction.deadline.date == dt.date(2025, 3, 1)


def test_a_spaced_decision_word_starts_the_operative_part() -> None:
    instructions = extract(
        "Участники отметили, что необходимо обеспечить мониторинг.\nР Е Ш И Л И:\n"
        "1. Обеспечить проведение мониторинга.\n"
    )
    assert [i.text for i in instructions] == ["Обеспечить проведение мониторинга."]


# --- responsible lines --------------------------------------------------------------------------


def test_a_responsible_line_for_all_subjects_makes_the_item_go_to_all_regions() -> None:
    (instruction,) = extract(
        "Решили:\n1. Обеспечить проведение мониторинга трудоустройства.\n"
        "Ответственные: органы исполнительной власти субъектов Российской Федерации\n"
    )
    assert instruction.addressees.all_regions
    assert instruction.text == "Обеспечить проведение мониторинга трудоустройства."


def test_a_responsible_line_naming_a_region_in_the_nominative_addresses_it() -> None:
    (instruction,) = extract(
        "Решили:\n1. Обеспечить проведение мониторинга.\nОтветственный: Белгородская область\n"
    )
    assert [r.code for r in instruction.addressees.regions] == ["31"]
    assert not instruction.addressees.all_regions


@pytest.mark.parametrize("label", ["Ответственный:", "Исполнители:", "Исполнитель:", "Отв.:"])
def test_every_responsible_label_names_the_addressee(label: str) -> None:
    (instruction,) = extract(
        f"Решили:\n1. Обеспечить проведение мониторинга.\n{label} Минтруд России\n"
    )
    assert instruction.addressees.others == ("Минтруд России",)


def test_a_table_row_rendered_as_lines_reads_text_addressee_and_deadline() -> None:
    (instruction,) = extract(
        "1. Обеспечить информирование абитуриентов о порядке приёма.\n"
        "Ответственный: органы исполнительной власти субъектов Российской Федерации\n"
        "Срок: до 1 марта 2025 г.\n",
        kind="instructions",
    )
    assert instruction.text == "Обеспечить информирование абитуриентов о порядке приёма."
    assert instruction.addressees.all_regions
    assert instruction.deadline is not None
    assert instruction.deadline.date == dt.date(2025, 3, 1)


def test_unnumbered_table_rows_end_at_their_responsible_and_deadline_lines() -> None:
    instructions = extract(
        "Обеспечить информирование абитуриентов.\nОтветственный: Минтруд России\n"
        "Срок: постоянно\nОрганизовать мониторинг трудоустройства.\nОтветственный: Минтруд России\n",
        kind="instructions",
    )
    assert [i.text for i in instructions] == [
        "Обеспечить информирование абитуриентов.",
        "Организовать мониторинг трудоустройства.",
    ]
    assert all(i.addressees.others == ("Минтруд России",) for i in instructions)


def test_an_item_naming_its_addressee_keeps_it_over_the_officials_responsible() -> None:
    (instruction,) = extract(
        "1. Минтрансу России разработать программу.\nОтветственный: Белгородская область\n",
        kind="instructions",
    )
    # «Минтрансу России» as written, or in the nominative once addressees are stored so.
    assert [other.split()[0][:8] for other in instruction.addressees.others] == ["Минтранс"]
    assert instruction.addressees.regions == ()


def test_two_cell_text_table_rows_give_the_responsible_and_the_deadline() -> None:
    (instruction,) = extract(
        "1. Обеспечить проведение мониторинга.\n"
        "Ответственный | органы исполнительной власти субъектов Российской Федерации |\n"
        "Тематика | Образование |\n"
        "Срок исполнения | 30 июня 2025 года |\n",
        kind="instructions",
    )
    assert instruction.addressees.all_regions
    assert instruction.deadline is not None
    assert instruction.deadline.date == dt.date(2025, 6, 30)


# --- documents run into one line ----------------------------------------------------------------


def test_a_spaced_keyword_followed_by_its_title_is_read() -> None:
    assert keyword_of("У К А З ПРЕЗИДЕНТА РОССИЙСКОЙ ФЕДЕРАЦИИ") == "УКАЗ"


def test_a_document_run_into_one_line_is_read_from_its_keyword() -> None:
    text = (
        "РАСПОРЯЖЕНИЕ ПРАВИТЕЛЬСТВА РОССИЙСКОЙ ФЕДЕРАЦИИ от 23 февраля 2001 г. № 270-р "
        + "В целях снижения воздействия транспорта на окружающую среду: " * 8
        + "1. Минтрансу России разработать проект программы. 2. Рекомендовать органам "
        "исполнительной власти субъектов Российской Федерации принять участие в реализации "
        "программы."
    )
    (document,) = parse_text(text).documents
    assert document.kind == "instructions"
    assert [i.number for i in document.instructions] == ["1", "2"]
    assert document.instructions[1].addressees.all_regions
