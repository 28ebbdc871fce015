"""The ``protokol.parse/1`` JSON, its schema and the Russian text summary."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from protokol.extraction.model import (
    Addressees,
    Attachment,
    AttendeeGroup,
    Deadline,
    Document,
    ExtractionWarning,
    Instruction,
    ParseResult,
    Person,
    Recurrence,
    RegionRef,
    Section,
    SourceInfo,
)
from protokol.extraction.output import SCHEMA_ID, load_schema, render_text, to_dict, to_json

LETTER = """02.11.2024 № 05-4017

Руководителям органов исполнительной власти субъектов Российской Федерации, осуществляющих государственное управление в сфере образования

О рассылке протокола

Департамент направляет для исполнения и учета в работе протокол совещания.

Приложение: на 5 л. в 1 экз.

И.О. директора Департамента М.И. Софронова

Мелихова С.Е.
(495) 587-01-10, доб. 3378
"""
PROTOCOL = """ПРОТОКОЛ

« 23 » октября 2024 г.

№ Д05-98/05пр

Москва

Председательствовал: Софронова М.И.

Присутствовали:

Ассоциация волонтерских центров
Антонов К.М.

III. О развитии системы Центров опережающей профессиональной подготовки
(Муратов)

Приняли к сведению доклад проректора Муратова А.В.

По итогам обсуждения решили:

1. Исполнительным органам субъектов Российской Федерации, осуществляющим государственное управление в сфере образования, Белгородской области, Тверской области обеспечить назначение руководителей ЦОПП.

**Срок — до 28 декабря 2024 г.**

2. Исполнительным органам субъектов Российской Федерации, на территории которых созданы ЦОПП, представлять информацию о выполнении показателей ежеквартально, до 5 числа месяца, следующего за отчетным.

VIII. О реализации мероприятий по обучению граждан

(Романова)

1. Рекомендовать органам исполнительной власти субъектов Российской Федерации совместно с работодателями провести работу по обучению граждан.
"""
TEXT = LETTER + "\n" + PROTOCOL


def span_of(fragment: str, start: int = 0) -> tuple[int, int]:
    position = TEXT.index(fragment, start)
    return position, position + len(fragment)


def build_result() -> ParseResult:
    muratov = Person("Муратов А.В.", "Муратова А.В.", "проректор")
    item_1 = "1. Исполнительным органам"
    regions_text = "Белгородской области, Тверской области"
    belgorod = RegionRef(
        "31", "Белгородская область", "Белгородской области", span_of("Белгородской области")
    )
    tver = RegionRef("69", "Тверская область", "Тверской области", span_of("Тверской области"))
    first = Instruction(
        id="III.1",
        section="III",
        number="1",
        text=TEXT[span_of(item_1)[0] : TEXT.index("ЦОПП.") + 5],
        kind="mandatory",
        action="appoint",
        report_required=True,
        addressees=Addressees(
            all_regions=False,
            regions=(belgorod, tver),
            text=regions_text,
        ),
        deadline=Deadline(
            text="Срок — до 28 декабря 2024 г.",
            span=span_of("Срок — до 28 декабря 2024 г."),
            date=dt.date(2024, 12, 28),
            due_date=dt.date(2024, 12, 28),
            basis="explicit",
        ),
        span=(span_of(item_1)[0], TEXT.index("ЦОПП.") + 5),
    )
    recurring_wording = "ежеквартально, до 5 числа месяца, следующего за отчетным"
    second = Instruction(
        id="III.2",
        section="III",
        number="2",
        text=TEXT[span_of("2. Исполнительным")[0] : span_of(recurring_wording)[1] + 1],
        kind="mandatory",
        action="report",
        report_required=True,
        addressees=Addressees(
            condition="на территории которых созданы ЦОПП",
            text="Исполнительным органам субъектов Российской Федерации, на территории которых созданы ЦОПП",
        ),
        deadline=Deadline(
            text=recurring_wording,
            span=span_of(recurring_wording),
            date=dt.date(2025, 1, 5),
            due_date=dt.date(2024, 12, 28),
            recurrence=Recurrence("quarterly", recurring_wording, day_of_month=5),
            basis="recurring",
        ),
        span=(span_of("2. Исполнительным")[0], span_of(recurring_wording)[1] + 1),
    )
    recommendation_text = TEXT[TEXT.index("1. Рекомендовать") : TEXT.rindex(".") + 1]
    third = Instruction(
        id="VIII.1",
        section="VIII",
        number="1",
        text=recommendation_text,
        kind="recommendation",
        action="organize",
        report_required=False,
        addressees=Addressees(
            all_regions=True,
            co_executors=("работодатели",),
            others=("Минпросвещения России",),
            text="органам исполнительной власти субъектов Российской Федерации",
        ),
        deadline=None,
        span=span_of(recommendation_text),
    )
    section_3 = Section(
        number="III",
        title="О развитии системы Центров опережающей профессиональной подготовки",
        speakers=(muratov,),
        report_noted=True,
        instructions=(first, second),
        span=(TEXT.index("III. О развитии"), TEXT.index("VIII.") - 1),
    )
    section_8 = Section(
        number="VIII",
        title="О реализации мероприятий по обучению граждан",
        speakers=(Person("Романова Т.Н.", "Романова"),),
        report_noted=False,
        instructions=(third,),
        span=(TEXT.index("VIII."), len(TEXT)),
    )
    letter = Document(
        kind="letter",
        span=(0, len(LETTER)),
        number="05-4017",
        date=dt.date(2024, 11, 2),
        title="О рассылке протокола",
        issuer="Минпросвещения России",
        addressee=(
            "Руководителям органов исполнительной власти субъектов Российской Федерации, "
            "осуществляющих государственное управление в сфере образования"
        ),
        signatory=Person("Софронова М.И.", "М.И. Софронова", "И.О. директора Департамента"),
        executor=Person("Мелихова С.Е.", "Мелихова С.Е.", phone="(495) 587-01-10, доб. 3378"),
        attachment=Attachment("Приложение: на 5 л. в 1 экз.", sheets=5, copies=1),
    )
    protocol = Document(
        kind="protocol",
        span=(len(LETTER) + 1, len(TEXT)),
        number="Д05-98/05пр",
        date=dt.date(2024, 10, 23),
        title="совещания Департамента с руководителями органов исполнительной власти",
        issuer="Минпросвещения России",
        place="Москва",
        chair=Person("Софронова М.И.", "Софронова М.И."),
        attendees=(
            AttendeeGroup(
                "Ассоциация волонтерских центров", (Person("Антонов К.М.", "Антонов К.М."),)
            ),
        ),
        sections=(section_3, section_8),
    )
    data = TEXT.encode("utf-8")
    return ParseResult(
        source=SourceInfo(
            filename="Протокол_23.10.2024.txt",
            format="txt",
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
        ),
        text=TEXT,
        documents=(letter, protocol),
        warnings=(
            ExtractionWarning(
                "deadline_non_working_day",
                "Срок 1 декабря 2024 г. приходится на нерабочий день; "
                "к исполнению — 29 ноября 2024 г.",
                span_of("Срок — до 28 декабря 2024 г."),
            ),
            ExtractionWarning("no_instructions", "В разделе II не найдено поручений."),
        ),
    )


@pytest.fixture
def result() -> ParseResult:
    return build_result()


@pytest.fixture
def data(result: ParseResult) -> dict[str, Any]:
    return to_dict(result)


def instruction(data: dict[str, Any], document: int, section: int, item: int) -> dict[str, Any]:
    found: dict[str, Any] = data["documents"][document]["sections"][section]["instructions"][item]
    return found


# --- the schema -------------------------------------------------------------------------


def test_the_packaged_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema"] == {"const": SCHEMA_ID}


def test_the_result_validates_against_the_schema(data: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(
        load_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ).validate(data)


def test_the_result_without_text_validates_too(result: ParseResult) -> None:
    data = to_dict(result, include_text=False)
    assert "text" not in data
    jsonschema.validate(data, load_schema())


@pytest.mark.parametrize(
    ("path", "bad_value"),
    [
        (("documents", 1, "kind"), "minutes"),
        (("documents", 1, "date"), "23.10.2024"),
        (("documents", 1, "sections", 0, "instructions", 0, "kind"), "optional"),
        (("documents", 1, "sections", 0, "instructions", 0, "action"), "do"),
        (
            ("documents", 1, "sections", 0, "instructions", 1, "deadline", "recurrence", "kind"),
            "daily",
        ),
        (("documents", 1, "sections", 0, "instructions", 0, "span"), [1]),
    ],
)
def test_the_schema_rejects_values_outside_the_contract(
    data: dict[str, Any], path: tuple[Any, ...], bad_value: Any
) -> None:
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = bad_value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(
            load_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        ).validate(data)


def test_the_schema_rejects_an_undocumented_field(data: dict[str, Any]) -> None:
    instruction(data, 1, 0, 0)["priority"] = "high"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, load_schema())


def test_load_schema_returns_a_fresh_copy() -> None:
    load_schema()["title"] = "changed"
    assert load_schema()["title"] == SCHEMA_ID


# --- the stable fields of DESIGN.md §5 ------------------------------------------------------


def test_the_top_level_carries_the_schema_version_documents_and_warnings(
    data: dict[str, Any],
) -> None:
    assert data["schema"] == "protokol.parse/1"
    assert [d["kind"] for d in data["documents"]] == ["letter", "protocol"]
    assert data["warnings"][0] == {
        "code": "deadline_non_working_day",
        "message": "Срок 1 декабря 2024 г. приходится на нерабочий день; "
        "к исполнению — 29 ноября 2024 г.",
        "span": list(span_of("Срок — до 28 декабря 2024 г.")),
    }
    assert data["warnings"][1]["span"] is None


def test_a_document_has_its_number_and_iso_date(data: dict[str, Any]) -> None:
    protocol = data["documents"][1]
    assert (protocol["number"], protocol["date"]) == ("Д05-98/05пр", "2024-10-23")
    assert data["documents"][0]["date"] == "2024-11-02"


def test_a_section_lists_speakers_as_names(data: dict[str, Any]) -> None:
    section = data["documents"][1]["sections"][0]
    assert section["number"] == "III"
    assert section["title"] == "О развитии системы Центров опережающей профессиональной подготовки"
    assert section["speakers"] == ["Муратов А.В."]
    assert section["speaker_details"] == [
        {
            "name": "Муратов А.В.",
            "as_written": "Муратова А.В.",
            "position": "проректор",
            "phone": None,
        }
    ]
    assert section["report_noted"] is True


def test_an_instruction_has_exactly_the_contract_fields(data: dict[str, Any]) -> None:
    item = instruction(data, 1, 0, 0)
    assert list(item) == [
        "id",
        "section",
        "number",
        "text",
        "kind",
        "action",
        "report_required",
        "addressees",
        "deadline",
        "span",
    ]
    assert (item["id"], item["section"], item["number"]) == ("III.1", "III", "1")
    assert (item["kind"], item["action"], item["report_required"]) == ("mandatory", "appoint", True)
    assert item["text"].startswith("1. Исполнительным органам")
    assert TEXT[item["span"][0] : item["span"][1]] == item["text"]


def test_addressees_carry_regions_with_codes_and_forms_as_written(data: dict[str, Any]) -> None:
    addressees = instruction(data, 1, 0, 0)["addressees"]
    assert addressees["all_regions"] is False
    assert addressees["condition"] is None
    assert (addressees["others"], addressees["co_executors"]) == ([], [])
    belgorod = addressees["regions"][0]
    assert {k: belgorod[k] for k in ("code", "name", "as_written")} == {
        "code": "31",
        "name": "Белгородская область",
        "as_written": "Белгородской области",
    }
    assert TEXT[belgorod["span"][0] : belgorod["span"][1]] == "Белгородской области"


def test_a_conditional_addressee_keeps_the_condition(data: dict[str, Any]) -> None:
    addressees = instruction(data, 1, 0, 1)["addressees"]
    assert addressees["condition"] == "на территории которых созданы ЦОПП"
    assert addressees["regions"] == []


def test_a_deadline_has_iso_dates_wording_and_inheritance(data: dict[str, Any]) -> None:
    deadline = instruction(data, 1, 0, 0)["deadline"]
    assert deadline == {
        "date": "2024-12-28",
        "text": "Срок — до 28 декабря 2024 г.",
        "recurrence": None,
        "inherited": False,
        "due_date": "2024-12-28",
        "time": None,
        "basis": "explicit",
        "span": list(span_of("Срок — до 28 декабря 2024 г.")),
    }


def test_a_recurring_deadline_describes_its_recurrence(data: dict[str, Any]) -> None:
    deadline = instruction(data, 1, 0, 1)["deadline"]
    assert (deadline["date"], deadline["due_date"], deadline["basis"]) == (
        "2025-01-05",
        "2024-12-28",
        "recurring",
    )
    assert deadline["recurrence"] == {
        "kind": "quarterly",
        "description": "ежеквартально, до 5 числа месяца, следующего за отчетным",
        "day_of_month": 5,
        "month": None,
        "weekday": None,
    }


def test_an_instruction_without_a_deadline_has_null(data: dict[str, Any]) -> None:
    assert instruction(data, 1, 1, 0)["deadline"] is None


def test_a_deadline_time_is_written_as_hours_and_minutes(result: ParseResult) -> None:
    protocol = result.documents[1]
    section = protocol.sections[0]
    first = section.instructions[0]
    assert first.deadline is not None
    timed = replace(first, deadline=replace(first.deadline, time=dt.time(17, 0)))
    changed = replace(
        result,
        documents=(
            result.documents[0],
            replace(
                protocol,
                sections=(replace(section, instructions=(timed,)), *protocol.sections[1:]),
            ),
        ),
    )
    data = to_dict(changed)
    assert instruction(data, 1, 0, 0)["deadline"]["time"] == "17:00"
    jsonschema.validate(data, load_schema())


def test_the_letter_keeps_its_requisites(data: dict[str, Any]) -> None:
    letter = data["documents"][0]
    assert letter["sections"] == []
    assert letter["title"] == "О рассылке протокола"
    assert letter["attachment"] == {
        "text": "Приложение: на 5 л. в 1 экз.",
        "sheets": 5,
        "copies": 1,
    }
    assert letter["signatory"]["name"] == "Софронова М.И."
    assert letter["executor"]["phone"] == "(495) 587-01-10, доб. 3378"


def test_the_source_is_described(data: dict[str, Any], result: ParseResult) -> None:
    assert data["source"] == {
        "filename": "Протокол_23.10.2024.txt",
        "format": "txt",
        "sha256": result.source.sha256,
        "size": len(TEXT.encode("utf-8")),
    }
    assert data["text"] == TEXT


# --- JSON -------------------------------------------------------------------------------


def test_json_is_utf8_without_unicode_escapes(result: ParseResult) -> None:
    dumped = to_json(result)
    assert "\\u04" not in dumped
    assert "Белгородская область" in dumped
    assert json.loads(dumped.encode("utf-8")) == to_dict(result)


def test_json_can_be_compact(result: ParseResult) -> None:
    compact = to_json(result, include_text=False, indent=None)
    assert "\n" not in compact
    assert '"text": "ПРОТОКОЛ' not in compact


# --- the text summary -------------------------------------------------------------------


def test_the_summary_shows_documents_and_their_requisites(result: ParseResult) -> None:
    summary = render_text(result)
    assert "Файл: Протокол_23.10.2024.txt (txt" in summary
    assert "Документов: 2; поручений: 3; предупреждений: 2" in summary
    assert "Письмо № 05-4017 от 2 ноября 2024 г." in summary
    assert "Протокол № Д05-98/05пр от 23 октября 2024 г." in summary
    assert "Приложение: на 5 л. в 1 экз." in summary
    assert "Приложение: Приложение" not in summary
    assert "Подписал: Софронова М.И., И.О. директора Департамента" in summary
    assert "Исполнитель: Мелихова С.Е., (495) 587-01-10, доб. 3378" in summary
    assert "Место: Москва" in summary
    assert "Председательствовал: Софронова М.И." in summary


def test_the_summary_shows_each_instruction_with_its_facts(result: ParseResult) -> None:
    summary = render_text(result)
    assert "III. О развитии системы Центров опережающей профессиональной подготовки" in summary
    assert "Докладчики: Муратов А.В." in summary
    assert "III.1 — обязательное, назначить, с отчётом" in summary
    assert "Адресаты: 2 субъекта: Белгородская область, Тверская область" in summary
    assert "Срок: до 28 декабря 2024 г." in summary
    assert "Условие: на территории которых созданы ЦОПП" in summary
    assert (
        "Срок: до 5 января 2025 г. (к исполнению — 28 декабря 2024 г.); "
        "ежеквартально, до 5 числа месяца, следующего за отчетным"
    ) in summary
    assert "VIII.1 — рекомендация, организовать, без отчёта" in summary
    assert "Адресаты: все субъекты" in summary
    assert "Соисполнители: работодатели" in summary
    assert "Иные адресаты: Минпросвещения России" in summary
    assert "Срок: без срока" in summary


def test_the_summary_marks_a_date_taken_from_the_running_text(result: ParseResult) -> None:
    protocol = result.documents[1]
    section = protocol.sections[1]
    inline = Deadline(
        "5 декабря 2024 года", (0, 18), dt.date(2024, 12, 5), dt.date(2024, 12, 5), basis="inline"
    )
    changed = replace(
        result,
        documents=(
            result.documents[0],
            replace(
                protocol,
                sections=(
                    protocol.sections[0],
                    replace(
                        section, instructions=(replace(section.instructions[0], deadline=inline),)
                    ),
                ),
            ),
        ),
    )
    assert "Срок: 5 декабря 2024 г. (дата из текста поручения)" in render_text(changed)


def test_the_summary_ends_with_the_warnings_and_their_codes(result: ParseResult) -> None:
    summary = render_text(result)
    head, warnings = summary.split("Предупреждения:\n")
    assert "VIII.1" in head
    assert warnings.splitlines()[0].startswith(
        "  - [deadline_non_working_day] Срок 1 декабря 2024 г. приходится на нерабочий день"
    )
    assert "[no_instructions] В разделе II не найдено поручений." in warnings


def test_the_summary_of_an_empty_result_says_so() -> None:
    empty = ParseResult(SourceInfo(None, "txt", "0" * 64, 0), "", ())
    summary = render_text(empty)
    assert "Файл: (без имени)" in summary
    assert "Предупреждений нет." in summary


def test_the_example_in_the_format_documentation_is_valid() -> None:
    doc = Path(__file__).parents[2] / "docs" / "parse-format.md"
    example = doc.read_text(encoding="utf-8").split("```json\n")[1].split("```")[0]
    jsonschema.validate(json.loads(example), load_schema())
