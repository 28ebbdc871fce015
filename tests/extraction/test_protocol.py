from __future__ import annotations

import datetime as dt

import pytest

from protokol.extraction import ParseResult, parse_text
from protokol.extraction.model import Document
from protokol.extraction.normalize import normalize_text

DEPARTMENT = (
    "Департамент государственной политики в сфере среднего профессионального образования "
    "и профессионального обучения"
)
DEPARTMENT_OF = DEPARTMENT.replace("Департамент", "Департамента", 1)
SECTION_TITLES = {
    "I": "О заключении договоров о целевом обучении по программам среднего профессионального "
    "образования по новой модели",
    "II": "Стратегия развития Союза директоров организаций СПО России, план мероприятий на 2025 год",
    "III": "О развитии системы Центров опережающей профессиональной подготовки",
    "IV": "Социологические исследования в сфере среднего профессионального образования",
    "V": "О текущем статусе реализации мероприятия по обучению преподавателей и мастеров "
    "производственного обучения в Центрах повышения квалификации кадров СПО",
    "VI": "Об итогах Всероссийского конкурса среди педагогических работников системы среднего "
    "профессионального образования «Мастер года» и Дня среднего профессионального образования",
    "VII": "О подготовке финала Чемпионата по профессиональному мастерству «Профессионалы» "
    "в г. Санкт-Петербург",
    "VIII": "О реализации мероприятий по обучению граждан в рамках федерального проекта "
    "«Содействие занятости»",
    "IX": "О развитии и поддержке добровольческой (волонтерской) деятельности в образовательной "
    "организации",
}
SPEAKERS = {
    "I": "Меньшикова Е.С.",
    "II": "Золотарева Н.М.",
    "III": "Муратов А.В.",
    "IV": "Муратов А.В.",
    "V": "Калугина К.Е.",
    "VI": "Ласточкин Р.К.",
    "VII": "Калугина К.Е.",
    "VIII": "Романова Т.Н.",
    "IX": "Антонов К.М.",
}


def test_the_protocol_header(sample_protocol: Document) -> None:
    assert sample_protocol.kind == "protocol"
    assert sample_protocol.number == "Д05-98/05пр"
    assert sample_protocol.date == dt.date(2024, 10, 23)
    assert sample_protocol.place == "Москва"
    assert sample_protocol.issuer == "Министерство просвещения Российской Федерации"


def test_the_title_is_the_whole_line_without_markers(sample_protocol: Document) -> None:
    assert sample_protocol.title == (
        f"совещания {DEPARTMENT_OF} с руководителями органов исполнительной власти субъектов "
        "Российской Федерации, осуществляющих государственное управление в сфере образования "
        "от 23 октября 2024 года"
    )


def test_the_chair(sample_protocol: Document) -> None:
    assert sample_protocol.chair is not None
    assert sample_protocol.chair.name == "Софронова М.И."


def test_the_protocol_is_signed(sample_protocol: Document) -> None:
    signatory = sample_protocol.signatory
    assert signatory is not None
    assert signatory.name == "Софронова М.И."
    assert signatory.position == f"Заместитель директора {DEPARTMENT_OF}"


def test_attendees_are_grouped_by_organisation(sample_protocol: Document) -> None:
    groups = [(g.organization, [p.name for p in g.people]) for g in sample_protocol.attendees]
    assert groups == [
        (
            f"{DEPARTMENT} Минпросвещения России",
            [
                "Литвиненко С.Н.",
                "Мелихова С.Е.",
                "Плохих Л.Н.",
                "Белоусова Д.В.",
                "Скворцова Ю.А.",
                "Ласточкин Р.К.",
                "Фомина И.А.",
                "Меньшикова Е.С.",
            ],
        ),
        ("Союз директоров организаций среднего профессионального образования России", ["Золотарева Н.М."]),
        ("Ассоциация волонтерских центров", ["Антонов К.М."]),
        (
            "ФГБОУ ДПО «Институт развития профессионального образования»",
            ["Романова Т.Н.", "Муратов А.В.", "Калугина К.Е."],
        ),
        ("представители органов исполнительной власти субъектов Российской Федерации", []),
    ]  # fmt: skip


def test_sections_one_to_nine_with_joined_titles(sample_protocol: Document) -> None:
    assert {s.number: s.title for s in sample_protocol.sections} == SECTION_TITLES


def test_speakers_are_nominative_with_initials_from_the_attendee_list(
    sample_protocol: Document,
) -> None:
    speakers = {s.number: [p.name for p in s.speakers] for s in sample_protocol.sections}
    assert speakers == {number: [name] for number, name in SPEAKERS.items()}


def test_the_speaker_keeps_the_bracketed_form_as_written(sample_protocol: Document) -> None:
    section = sample_protocol.sections[3]
    assert section.speakers[0].as_written == "Муратов"


def test_the_speakers_position_comes_from_the_report_line(sample_protocol: Document) -> None:
    first = sample_protocol.sections[0].speakers[0]
    assert first.position is not None
    assert first.position.startswith("начальник отдела оценки качества среднего")
    ninth = sample_protocol.sections[8].speakers[0]
    assert ninth.position == "исполнительный директор Ассоциации волонтерских центров"


def test_every_section_took_a_report_into_account(sample_protocol: Document) -> None:
    assert all(section.report_noted for section in sample_protocol.sections)


def test_section_spans_start_at_their_headings(
    sample_result: ParseResult, sample_protocol: Document
) -> None:
    for section in sample_protocol.sections:
        heading = sample_result.text[section.span[0] : section.span[1]]
        assert heading.startswith(f"{section.number}. ")
    last = sample_protocol.sections[-1]
    assert "Заместитель директора" not in sample_result.text[last.span[0] : last.span[1]]


def test_different_initials_of_a_speaker_are_flagged(sample_result: ParseResult) -> None:
    (warning,) = [w for w in sample_result.warnings if w.code == "speaker_initials_differ"]
    assert "Антонова И.В." in warning.message
    assert "Антонов К.М." in warning.message
    assert warning.span is not None
    assert sample_result.text[warning.span[0] : warning.span[1]] == "Антонова И.В."


def test_a_speaker_missing_from_the_attendees_is_flagged(sample_protocol_text: str) -> None:
    text = sample_protocol_text.replace("(Золотарева)", "(Петренко)")
    result = parse_text(text)
    (warning,) = [w for w in result.warnings if w.code == "speaker_not_in_attendees"]
    assert "Петренко" in warning.message
    assert warning.span is not None
    assert result.text[warning.span[0] : warning.span[1]] == "Петренко"
    section = result.documents[0].sections[1]
    # The report line still gives the initials: «… Золотаревой Н.М.» is not Petrenko.
    assert [p.name for p in section.speakers] == ["Петренко"]


def test_a_speaker_on_the_heading_line_is_split_off_the_title(sample_protocol_text: str) -> None:
    text = normalize_text(sample_protocol_text)
    assert "образования\n(Муратов)" in text
    text = text.replace("образования\n(Муратов)", "образования (Муратов)")
    section = parse_text(text).documents[0].sections[3]
    assert section.title == SECTION_TITLES["IV"]
    assert [p.name for p in section.speakers] == ["Муратов А.В."]


def test_brackets_in_a_title_are_not_speakers(sample_protocol_text: str) -> None:
    text = normalize_text(sample_protocol_text).replace(
        "IV. Социологические исследования в сфере среднего профессионального образования\n"
        "(Муратов)",
        "IV. Социологические исследования (далее — исследования)\n(Муратов)",
    )
    section = parse_text(text).documents[0].sections[3]
    assert section.title == "Социологические исследования (далее — исследования)"
    assert [p.name for p in section.speakers] == ["Муратов А.В."]


def test_section_two_has_no_instructions(sample_protocol: Document) -> None:
    assert sample_protocol.sections[1].instructions == ()


PROTOCOL_ON_ONE_LINE = """\
ПРОТОКОЛ совещания с руководителями центров опережающей профессиональной подготовки

15.03.2025 № 12-пр

Председательствовал: Иванов И.И. – директор Департамента

Присутствовали: Петрова А.А., Сидоров Б.Б.

I. О работе ЦОПП

Слушали доклад начальника отдела Петровой А.А.

Решили:

1. Исполнительным органам субъектов Российской Федерации обеспечить работу ЦОПП.
"""


def test_a_title_may_follow_the_keyword_on_its_line() -> None:
    document = parse_text(PROTOCOL_ON_ONE_LINE).documents[0]
    assert document.kind == "protocol"
    assert document.title == (
        "совещания с руководителями центров опережающей профессиональной подготовки"
    )
    assert document.number == "12-пр"
    assert document.date == dt.date(2025, 3, 15)


def test_a_chair_and_attendees_on_the_same_line_as_their_labels() -> None:
    document = parse_text(PROTOCOL_ON_ONE_LINE).documents[0]
    assert document.chair is not None
    assert document.chair.name == "Иванов И.И."
    assert document.chair.position == "директор Департамента"
    assert [p.name for g in document.attendees for p in g.people] == [
        "Петрова А.А.",
        "Сидоров Б.Б.",
    ]


def test_without_brackets_the_speaker_is_read_from_the_report_line() -> None:
    (section,) = parse_text(PROTOCOL_ON_ONE_LINE).documents[0].sections
    assert [p.name for p in section.speakers] == ["Петрова А.А."]
    assert section.speakers[0].position == "начальник отдела"
    assert not section.report_noted


@pytest.mark.parametrize("heading", ["**VII. О подготовке финала", "VII. О подготовке финала"])
def test_bold_and_plain_headings_read_the_same(sample_protocol_text: str, heading: str) -> None:
    text = sample_protocol_text.replace("**VII. О подготовке финала", heading)
    sections = parse_text(text).documents[0].sections
    assert sections[6].title == SECTION_TITLES["VII"]


PROTOCOL_WITHOUT_SECTIONS = """\
ПРОТОКОЛ
заседания рабочей группы по развитию целевого обучения

12.03.2025 № 3

Председательствовал: Иванов И.И.

Присутствовали:
Петрова А.А., Сидоров Б.Б.

Слушали: доклад Петровой А.А. о ходе целевого обучения.

Решили:
1. Исполнительным органам субъектов Российской Федерации обеспечить заключение договоров \
о целевом обучении.
Срок — до 1 июня 2025 г.
2. Рекомендовать работодателям принять участие в заключении договоров.

Председатель рабочей группы

И.И. Иванов
"""


def test_a_protocol_without_sections_is_read_as_one_unnumbered_section() -> None:
    result = parse_text(PROTOCOL_WITHOUT_SECTIONS)
    document = result.documents[0]
    assert document.number == "3"
    assert document.date == dt.date(2025, 3, 12)
    assert [p.name for g in document.attendees for p in g.people] == [
        "Петрова А.А.",
        "Сидоров Б.Б.",
    ]
    (section,) = document.sections
    assert section.number is None
    body = result.text[section.span[0] : section.span[1]]
    assert body.startswith("Слушали:")
    assert "И.И. Иванов" not in body
    assert len(section.instructions) == 2
    assert document.signatory is not None
    assert document.signatory.position == "Председатель рабочей группы"


def test_initials_in_the_bracket_are_checked_against_the_attendee_list(
    sample_protocol_text: str,
) -> None:
    result = parse_text(sample_protocol_text.replace("(Золотарева)", "(Золотарева Н.Н.)"))
    section = result.documents[0].sections[1]
    assert [p.name for p in section.speakers] == ["Золотарева Н.М."]
    differ = [w for w in result.warnings if w.code == "speaker_initials_differ"]
    assert [result.text[w.span[0] : w.span[1]] for w in differ if w.span] == [
        "Золотарева Н.Н.",
        "Антонова И.В.",
    ]


def test_a_bracketed_note_under_a_heading_is_not_a_speaker(sample_protocol_text: str) -> None:
    text = normalize_text(sample_protocol_text).replace(
        "(Золотарева)", "(по материалам Союза директоров)"
    )
    result = parse_text(text)
    section = result.documents[0].sections[1]
    assert "speaker_not_in_attendees" not in {w.code for w in result.warnings}
    assert [p.name for p in section.speakers] == ["Золотарева Н.М."]
