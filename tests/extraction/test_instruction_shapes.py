"""Shapes of instructions in real official texts: sub-points, lead-ins, closing reports."""

import datetime as dt

from protokol.extraction import parse_text
from protokol.extraction.config import ExtractionConfig
from protokol.extraction.instructions import InstructionContext, extract_instructions
from protokol.extraction.model import DocumentKind, Instruction

MEETING = dt.date(2014, 4, 2)


def extract(
    text: str, *, section: str | None = None, kind: DocumentKind = "protocol"
) -> list[Instruction]:
    context = InstructionContext(text, section, kind, MEETING, ExtractionConfig())
    return extract_instructions(context, 0, len(text))[0]


def test_dash_sub_points_under_a_numbered_lead_in_are_one_instruction() -> None:
    text = (
        "2. В целях обеспечения безаварийного пропуска половодья и паводков 2014 года:\n"
        "2.1. Росгидромету (А.В.Фролову) обеспечить:\n"
        "- открытие временных гидрологических постов в предпаводковый период;\n"
        "- своевременное информирование органов исполнительной власти субъектов Российской "
        "Федерации о прогнозах.\n"
        "2.2. МЧС России (В.А.Пучкову) организовать мониторинг паводковой обстановки.\n"
    )
    instructions = extract(text)
    assert [i.id for i in instructions] == ["2.1", "2.2"]
    assert instructions[0].text.startswith("Росгидромету (А.В.Фролову) обеспечить: - открытие")
    assert instructions[0].text.endswith("о прогнозах.")
    assert instructions[0].addressees.others == ("Росгидромет",)


def test_bullet_sub_points_joined_keep_a_report_duty_of_any_of_them() -> None:
    text = (
        "Решили:\n"
        "3. Минтруду России:\n"
        "• провести мониторинг трудоустройства выпускников;\n"
        "• представить доклад в Правительство Российской Федерации до 1 июня 2014 г.\n"
    )
    (item,) = extract(text)
    assert item.id == "3"
    assert item.report_required
    assert item.deadline is not None and item.deadline.date == dt.date(2014, 6, 1)


def test_numbered_sub_items_under_a_lead_in_stay_separate() -> None:
    text = (
        "Решили:\n"
        "1. Органам исполнительной власти субъектов Российской Федерации:\n"
        "1) провести мониторинг трудоустройства выпускников;\n"
        "2) обеспечить информирование граждан.\n"
        "2. Органам местного самоуправления:\n"
        "а) разработать планы мероприятий;\n"
        "б) направить информацию в Минтруд России.\n"
    )
    assert [i.number for i in extract(text)] == ["1.1", "1.2", "2а", "2б"]


def test_a_decision_that_charges_the_person_it_appoints_is_an_instruction() -> None:
    text = (
        "1. Принять предложение МПР России о проведении съезда геологов.\n"
        "2. Утвердить Министра природных ресурсов Российской Федерации Артюхова В.Г. "
        "председателем организационного комитета и поручить ему утвердить его состав.\n"
        "3. Утвердить прилагаемый план мероприятий.\n"
    )
    (item,) = extract(text, kind="instructions")
    assert item.id == "2"
    assert item.kind == "mandatory"


def test_a_closing_report_line_after_a_single_unnumbered_item_asks_it_to_report() -> None:
    text = (
        "Председатель Правительства дал указание Минэкономразвития России, а именно:\n"
        "По подпункту «з» пункта 1 перечня поручений Президента:\n"
        "Минэкономразвития России (А.В.Улюкаеву) совместно с высшими должностными лицами "
        "субъектов Российской Федерации утвердить порядок размещения публичной отчётности.\n"
        "Срок – до 3 августа 2015 года.\n"
        "О результатах доложить в Правительство Российской Федерации.\n"
    )
    (item,) = extract(text, kind="instructions")
    assert item.report_required
    assert item.deadline is not None and item.deadline.date == dt.date(2015, 8, 3)


def test_a_region_named_as_co_executor_after_the_verb_is_an_addressee() -> None:
    text = (
        "2. Минсельхозу России образовать совместно с правительством\n"
        "Санкт-Петербурга организационный комитет по подготовке мероприятий.\n"
    )
    (item,) = extract(text, kind="instructions")
    assert [r.code for r in item.addressees.regions] == ["78"]
    assert item.addressees.others == ("Минсельхоз России",)
    assert item.addressees.co_executors == ("правительство Санкт-Петербурга",)


def test_a_region_named_as_the_proposer_is_not_an_addressee() -> None:
    text = (
        "3. Правительству Российской Федерации по представлению правительства Москвы "
        "утвердить персональный состав Государственной комиссии.\n"
        "4. Минкультуры России по согласованию с администрацией Тульской области "
        "разработать план мероприятий.\n"
    )
    first, second = extract(text, kind="instructions")
    assert first.addressees.regions == () and first.addressees.others
    assert second.addressees.regions == () and second.addressees.others


def test_a_regional_order_without_letterhead_does_not_address_its_own_region() -> None:
    text = (
        "В целях гармонизации межэтнических отношений:\n"
        "1. Утвердить прилагаемую Концепцию республиканской целевой программы "
        "«Профилактика экстремизма в Удмуртской Республике».\n"
        "2. Министерству национальной политики Удмуртской Республики организовать работу "
        "по разработке проекта республиканской целевой программы в срок до 18 ноября 2011 года.\n"
    )
    (document,) = parse_text(text).documents
    (item,) = document.instructions
    assert item.addressees.regions == ()
    assert item.addressees.others


def test_a_request_in_a_letter_is_addressed_to_its_addressee_block() -> None:
    text = (
        "Руководителям высших исполнительных органов государственной власти\n"
        "субъектов Российской Федерации\n"
        "Министерство здравоохранения Российской Федерации во исполнение пункта 3 перечня "
        "поручений просит до 14 июля 2011 года представить информацию за I полугодие.\n"
    )
    (item,) = extract(text, kind="letter")
    assert item.addressees.all_regions
    assert item.text.startswith("Министерство здравоохранения")
    assert item.report_required


def test_a_letter_to_one_governor_asks_that_region() -> None:
    text = (
        "Губернатору Курской области\n"
        "Прошу в срок до 1 марта 2025 г. направить информацию о ходе реализации программы.\n"
    )
    (item,) = extract(text, kind="letter")
    assert [r.code for r in item.addressees.regions] == ["46"]


def test_an_addressee_row_under_a_heading_citing_an_item_is_an_instruction() -> None:
    # A government list of instructions pasted from a table: cited item, executor,
    # co-executors, term of presenting — the cited item is the duty.
    text = (
        "Председатель Правительства дал указания, а именно:\n"
        "1. По подпункту\n«а» пункта 2:\n\n"
        "Минвостокразвития России\n(А.А.Козлову)\n\n"
        "Совместно с\nзаинтересованными федеральными органами исполнительной власти, "
        "органами государственной власти субъектов Российской Федерации, входящих в состав\n"
        "Арктической зоны России, государственными корпорациями.\n\n"
        "Срок\nпредставления единого плана мероприятий в Правительство Российской Федерации – "
        "до 26 декабря 2020 года.\n"
    )
    (item,) = extract(text, kind="instructions")
    assert item.text.startswith("Минвостокразвития России (А.А.Козлову) Совместно с")
    assert "Минвостокразвития России" in item.addressees.others
    assert item.addressees.condition is not None and not item.addressees.all_regions
    assert item.deadline is not None and item.deadline.date == dt.date(2020, 12, 26)
    assert item.report_required


def test_a_heading_citing_an_item_does_not_make_a_narrative_line_an_instruction() -> None:
    text = "1. По пункту 3 перечня:\nРабота по созданию реестра продолжается.\n"
    assert extract(text, kind="instructions") == []


def test_laying_a_duty_on_a_ministry_is_an_instruction_to_it_that_may_report() -> None:
    text = (
        "1. Утвердить прилагаемый план мероприятий.\n"
        "3. Возложить на Минкультуры России осуществление контроля за реализацией плана "
        "с представлением докладов о ходе его выполнения в Правительство Российской Федерации.\n"
    )
    (item,) = extract(text, kind="instructions")
    assert item.addressees.others == ("Минкультуры России",)
    assert item.report_required


def test_a_duty_laid_on_a_body_at_the_end_names_the_body_whole() -> None:
    text = (
        "постановляю:\n"
        "2. Организацию и проведение Года памяти и славы возложить на Российский "
        "организационный комитет «Победа».\n"
        "3. Контроль за исполнением настоящего указа возложить на Администрацию Президента.\n"
    )
    (item,) = extract(text, kind="instructions")
    assert item.addressees.others == ("Российский организационный комитет «Победа»",)


def test_a_term_in_months_is_not_part_of_the_addressee() -> None:
    text = "4. Правительству Российской Федерации в месячный срок обеспечить разработку плана.\n"
    (item,) = extract(text, kind="instructions")
    assert item.addressees.others == ("Правительство Российской Федерации",)


def test_all_subjects_named_as_co_executors_after_the_verb_are_addressees() -> None:
    text = (
        "5. Минприроды России разработать совместно с органами исполнительной власти "
        "субъектов Российской Федерации программу ликвидации накопленного вреда.\n"
    )
    (item,) = extract(text, kind="instructions")
    assert item.addressees.all_regions
    assert item.addressees.others == ("Минприроды России",)


def test_an_event_held_with_regions_taking_part_does_not_address_them() -> None:
    text = (
        "6. Минкультуры России провести фестиваль при участии правительства Республики Татарстан.\n"
    )
    (item,) = extract(text, kind="instructions")
    assert item.addressees.regions == () and not item.addressees.all_regions


def test_checking_the_execution_of_the_document_itself_is_its_control_clause() -> None:
    text = (
        "2. Администрации Тамбовской области обеспечить контроль за целевым расходованием "
        "выделенных средств.\n"
        "3. Полномочному представителю Президента Российской Федерации в Центральном "
        "федеральном округе обеспечить проверку исполнения настоящего распоряжения.\n"
    )
    assert [i.id for i in extract(text, kind="instructions")] == ["2"]
