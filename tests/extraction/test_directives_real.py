"""Instruction or not, in the wording of real protocols, orders and lists of instructions."""

from __future__ import annotations

import datetime as dt

import pytest

from protokol.extraction.config import ExtractionConfig
from protokol.extraction.directives import (
    analyze_clause,
    classify_action,
    is_own_decision,
    requires_report,
)
from protokol.extraction.instructions import InstructionContext, extract_instructions
from protokol.extraction.model import Instruction

SIGNED = dt.date(2025, 2, 14)


def extract(body: str) -> list[Instruction]:
    context = InstructionContext(body, None, "protocol", SIGNED, ExtractionConfig())
    return extract_instructions(context, 0, len(body))[0]


def parts(text: str) -> tuple[str, str | None]:
    clause = analyze_clause(text)
    assert clause is not None
    addressee = text[clause.addressee[0] : clause.addressee[1]].strip(' ,:«»"')
    return addressee, None if clause.verb_start is None else text[clause.verb_start :]


@pytest.mark.parametrize(
    "text",
    [
        "Информацию министра образования Курской области Иванова И.И. принять к сведению.",
        "Принять предложение Минтруда России о проведении всероссийского форума в 2025 году.",
        "Принять за основу проект плана мероприятий по развитию наставничества.",
        "Контроль за исполнением настоящего постановления возложить на первого заместителя "
        "Губернатора области.",
        "Возложить контроль за выполнением решений штаба на заместителя председателя штаба.",
        "Контроль за исполнением протокола оставляю за собой.",
        "Настоящее постановление вступает в силу со дня его подписания.",
        "Постановление вступает в силу после его официального опубликования.",
    ],
)
def test_notes_proposals_taken_control_clauses_and_entry_into_force_are_no_clauses(
    text: str,
) -> None:
    assert analyze_clause(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Утвердить состав рабочей группы по вопросам развития среднего профессионального "
        "образования.",
        "Одобрить проект программы развития наставничества на 2025–2027 годы.",
        "Образовать рабочую группу по подготовке предложений о развитии сети ЦОПП.",
        "Создать межведомственный штаб по вопросам занятости молодёжи.",
        "Провести очередное заседание комиссии в марте 2025 года.",
        "Объявить с 1 апреля по 1 мая 2025 года месячник по благоустройству населенных пунктов.",
        "Установить начало отопительного сезона с 26 сентября 2025 г.",
    ],
)
def test_the_bodys_own_decisions_without_an_addressee_are_no_instructions(text: str) -> None:
    clause = analyze_clause(text)
    assert clause is not None and clause.verb_start is not None
    assert is_own_decision(text, clause, text[clause.verb_start :])
    assert extract(f"Решили:\n1. {text}\n") == []


def test_an_own_decision_verb_under_an_addressee_header_is_an_instruction() -> None:
    (instruction,) = extract(
        "Решили:\nОрганам исполнительной власти субъектов Российской Федерации:\n"
        "1) утвердить региональные планы мероприятий по развитию наставничества.\n"
    )

    assert instruction.addressees.all_regions


def test_an_own_decision_verb_with_its_own_addressee_is_an_instruction() -> None:
    (instruction,) = extract(
        "Решили:\n1. Министерству образования Курской области провести совещание с "
        "руководителями колледжей.\n"
    )

    assert [region.code for region in instruction.addressees.regions] == ["46"]


def test_an_item_that_ensures_something_without_an_addressee_stays_and_is_warned_about() -> None:
    context = InstructionContext(
        "Решили:\n1. Обеспечить участие ректоров в совещании.\n", None, "protocol", SIGNED,
        ExtractionConfig(),
    )  # fmt: skip
    instructions, warnings = extract_instructions(context, 0, len(context.text))

    assert len(instructions) == 1
    assert [warning.code for warning in warnings] == ["no_addressee"]


@pytest.mark.parametrize(
    ("text", "addressee", "verb"),
    [
        (
            "Президент Российской Федерации поручил Правительству Российской Федерации "
            "совместно с органами исполнительной власти субъектов Российской Федерации "
            "обеспечить ввод в эксплуатацию зданий общежитий.",
            "Правительству Российской Федерации совместно с органами исполнительной власти "
            "субъектов Российской Федерации",
            "обеспечить",
        ),
        (
            "Председатель Правительства Российской Федерации поручил Минтруду России "
            "подготовить предложения по изменению порядка.",
            "Минтруду России",
            "подготовить",
        ),
        (
            "Минпросвещения России дано поручение проработать вопрос о создании ЦОПП.",
            "Минпросвещения России",
            "проработать",
        ),
        (
            "Дано поручение Минтруду России представить предложения до 1 апреля 2025 г.",
            "Минтруду России",
            "представить",
        ),
        (
            "Дмитрий Медведев дал указание Минэкономразвития России совместно с субъектами "
            "Российской Федерации утвердить порядок обязательного рассмотрения инициатив.",
            "Минэкономразвития России совместно с субъектами Российской Федерации",
            "утвердить",
        ),
        (
            "Органам исполнительной власти субъектов Российской Федерации поручается "
            "обеспечить участие в акции.",
            "Органам исполнительной власти субъектов Российской Федерации",
            "обеспечить",
        ),
        (
            "Президент поручил: «Правительству Российской Федерации обеспечить "
            "строительство общежитий для студентов».",
            "Правительству Российской Федерации",
            "обеспечить",
        ),
        (
            "«Минтруду России совместно с Минпросвещения России представить доклад "
            "о мерах поддержки»",
            "Минтруду России совместно с Минпросвещения России",
            "представить",
        ),
    ],
)
def test_narrative_forms_name_their_addressee_and_verb(
    text: str, addressee: str, verb: str
) -> None:
    found_addressee, predicate = parts(text)

    assert found_addressee == addressee
    assert predicate is not None and predicate.startswith(verb)
    clause = analyze_clause(text)
    assert clause is not None and clause.kind in ("mandatory", None)


def test_a_narrative_instruction_in_a_protocol_is_read_with_its_addressee() -> None:
    (instruction,) = extract(
        "Президент Российской Федерации поручил органам исполнительной власти субъектов "
        "Российской Федерации обеспечить ввод в эксплуатацию зданий общежитий до 1 сентября "
        "2025 г.\n"
    )

    assert instruction.kind == "mandatory"
    assert instruction.addressees.all_regions
    assert instruction.deadline is not None
    assert instruction.deadline.date == dt.date(2025, 9, 1)


@pytest.mark.parametrize(
    ("predicate", "expected"),
    [
        ("предоставить информацию о ходе реализации мероприятий", True),
        (
            "предоставлять ежеквартально, до 5-го числа месяца, следующего за отчетным "
            "кварталом, в Минздрав России информацию о ходе реализации плана",
            True,
        ),
        ("направить доклад в Правительство Российской Федерации", True),
        ("направить предложения по совершенствованию порядка", True),
        ("проинформировать о результатах рассмотрения", True),
        ("информировать Минпросвещения России ежеквартально", True),
        ("доложить в Правительство Российской Федерации", True),
        ("внести в Правительство Российской Федерации предложения", True),
        ("представить в Минтруд России сведения о трудоустройстве выпускников", True),
        ("предоставить меры социальной поддержки участникам", False),
        ("информировать население о порядке записи", False),
        ("проинформировать родителей обучающихся о сроках", False),
        ("обеспечить предоставление мест в общежитиях", False),
    ],
)
def test_report_verbs_require_a_report_and_informing_an_audience_does_not(
    predicate: str, expected: bool
) -> None:
    assert requires_report(predicate) is expected


@pytest.mark.parametrize(
    ("predicate", "action"),
    [
        ("предоставить информацию о ходе работы", "report"),
        ("проинформировать о результатах рассмотрения", "report"),
        ("информировать население о порядке записи", "inform"),
    ],
)
def test_report_verbs_are_the_report_action(predicate: str, action: str) -> None:
    assert classify_action(predicate) == action


def test_given_without_an_instruction_is_no_narrative_form() -> None:
    assert analyze_clause("Разъяснение дано в письме Минпросвещения России от 1 марта.") is None


def test_an_own_decision_verb_after_a_dative_addressee_is_an_instruction() -> None:
    (instruction,) = extract(
        "Решили:\n1. Отделу по организационной работе и взаимодействию с населением "
        "(В.И. Лютанова) опубликовать данное распоряжение в средствах массовой информации.\n"
    )

    assert instruction.text.startswith("Отделу по организационной работе")


def test_an_own_decision_after_an_adverbial_is_still_the_bodys_own() -> None:
    assert extract("Решили:\n1. В рамках акции провести мероприятия по уборке территорий.\n") == []


@pytest.mark.parametrize(
    "preamble",
    [
        "В целях привлечения внимания органов местного самоуправления области к решению "
        "экологических проблем:",
        "С целью улучшения санитарного состояния территорий населенных пунктов Ивановской области:",
        "В соответствии со статьей 179 Бюджетного кодекса Российской Федерации Правительство "
        "Архангельской области постановляет:",
        "Учитывая особую роль Москвы как столицы Российского государства, п о с т а н о в л я ю :",
    ],
)
def test_a_preamble_naming_regions_or_bodies_gives_its_items_no_addressee(preamble: str) -> None:
    body = (
        f"{preamble}\n1. Провести акцию «День Земли» на территории области.\n"
        "2. Министерству природных ресурсов Архангельской области обеспечить участие.\n"
    )

    (instruction,) = extract(body)
    assert instruction.text.startswith("Министерству природных ресурсов")


def test_an_instruction_given_also_names_its_addressee_after_the_noun() -> None:
    assert parts("Дано также поручение главе МЧС Евгению Зиничеву нарастить группировку.") == (
        "главе МЧС Евгению Зиничеву",
        "нарастить группировку.",
    )


def test_a_preamble_opens_the_operative_part_for_items_without_an_addressee() -> None:
    (instruction,) = extract(
        "С целью улучшения санитарного состояния территорий Ивановской области:\n"
        "1. Провести субботник по санитарной очистке территорий.\n"
        "2. Информацию о проделанной работе представить до 27.04.2010 в Департамент.\n"
    )

    assert instruction.text.startswith("Информацию о проделанной работе")
    assert instruction.addressees.is_empty and instruction.report_required


def test_a_control_clause_with_its_number_glued_on_is_no_clause() -> None:
    assert (
        analyze_clause("6.Контроль за исполнением настоящего распоряжения возложить на А.А.")
        is None
    )


def test_a_title_run_into_the_preamble_lends_no_addressee() -> None:
    (instruction,) = extract(
        "О мерах по улучшению санитарной обстановки в Карачаево-Черкесской Республике "
        "В соответствии с обращением регионального отделения о проведении месячника:\n"
        "1. Объявить с 1 апреля по 1 мая 2011 года месячник по благоустройству.\n"
        "2. Правительству Карачаево-Черкесской Республики утвердить состав штаба.\n"
    )

    assert instruction.text.startswith("Правительству Карачаево-Черкесской")


def test_allocations_from_a_reserve_fund_are_the_bodys_own_decision() -> None:
    assert (
        extract(
            "Выделить в 2003 году из резервного фонда Правительства Российской Федерации:\n"
            "Правительству Республики Алтай - 4115 тыс. рублей на оказание материальной помощи;\n"
        )
        == []
    )


@pytest.mark.parametrize(
    "header", ["Минпросвещения России:", "МЧС России:", "Главам муниципальных образований:"]
)
def test_a_header_of_an_agency_or_of_officials_is_an_addressee_header(header: str) -> None:
    clause = analyze_clause(header)

    assert clause is not None and clause.verb_start is None


def test_a_long_clause_is_analysed_as_a_header() -> None:
    # 140,000 words took minutes when every word was sliced off; `make bench` measures it.
    clause = analyze_clause("Исполнительным органам " + "власти " * 140_000 + ":")

    assert clause is not None and clause.verb_start is None
