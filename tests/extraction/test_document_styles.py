"""Instructions in the forms real documents use: lists of the President's and Government's
instructions, protocols, regional orders, ministry letters and telegrams."""

import datetime as dt

import pytest

from protokol.extraction.config import ExtractionConfig
from protokol.extraction.instructions import InstructionContext, extract_instructions
from protokol.extraction.model import DocumentKind, ExtractionWarning, Instruction
from protokol.extraction.regions import all_regions

SIGNED = dt.date(2025, 1, 10)


def extract(
    text: str,
    *,
    kind: DocumentKind = "instructions",
    section: str | None = None,
    date: dt.date = SIGNED,
) -> tuple[list[Instruction], list[ExtractionWarning]]:
    context = InstructionContext(text, section, kind, date, ExtractionConfig())
    return extract_instructions(context, 0, len(text))


def by_id(
    text: str, *, kind: DocumentKind = "instructions", date: dt.date = SIGNED
) -> dict[str, Instruction]:
    instructions, _ = extract(text, kind=kind, date=date)
    return {i.id: i for i in instructions}


PRESIDENTIAL_LIST = """\
Перечень поручений по итогам заседания Государственного Совета Российской Федерации

1. Правительству Российской Федерации совместно с органами исполнительной власти субъектов Российской Федерации:
а) обеспечить разработку и утверждение программ модернизации профессиональных образовательных организаций;
б) рассмотреть вопрос об увеличении контрольных цифр приёма по программам среднего профессионального образования.
Срок — до 1 июля 2025 г., далее — один раз в полгода.
Ответственные: Мишустин М.В., главы субъектов Российской Федерации.
2. Рекомендовать высшим должностным лицам субъектов Российской Федерации обеспечить создание центров опережающей профессиональной подготовки.
Срок — до 1 сентября 2025 г.
Ответственные: главы субъектов Российской Федерации.
3. Минпросвещения России совместно с Минтрудом России подготовить предложения по актуализации перечня профессий.
Доклад — до 15 марта 2025 г.
Ответственные: Кравцов С.С., Котяков А.О.
"""


def test_presidential_list_splits_lettered_sub_items_into_separate_instructions() -> None:
    instructions = by_id(PRESIDENTIAL_LIST)
    assert list(instructions) == ["1а", "1б", "2", "3"]
    assert instructions["1а"].number == "1а"
    assert instructions["1а"].action == "ensure"
    assert instructions["1б"].action == "consider"


def test_presidential_list_addresses_the_government_and_the_regions_named_as_co_executors() -> None:
    addressees = by_id(PRESIDENTIAL_LIST)["1б"].addressees
    assert addressees.others == ("Правительство Российской Федерации",)
    assert addressees.co_executors == ()
    assert addressees.all_regions


def test_presidential_list_deadline_with_a_half_yearly_series_covers_both_sub_items() -> None:
    instructions = by_id(PRESIDENTIAL_LIST)
    first, second = instructions["1а"].deadline, instructions["1б"].deadline
    assert first is not None and second is not None
    assert (first.date, first.inherited) == (dt.date(2025, 7, 1), True)
    assert (second.date, second.inherited) == (dt.date(2025, 7, 1), False)
    assert second.recurrence is not None and second.recurrence.kind == "half_yearly"


def test_presidential_list_responsible_officials_are_no_instruction() -> None:
    instructions = by_id(PRESIDENTIAL_LIST)
    assert not any("Мишустин" in i.text or "Ответственные" in i.text for i in instructions.values())


def test_presidential_list_recommendation_to_heads_of_regions_goes_to_all_regions() -> None:
    instruction = by_id(PRESIDENTIAL_LIST)["2"]
    assert instruction.kind == "recommendation"
    assert instruction.addressees.all_regions
    assert instruction.deadline is not None
    assert instruction.deadline.date == dt.date(2025, 9, 1)
    assert not instruction.report_required


def test_presidential_list_report_line_is_a_deadline_and_asks_for_a_report() -> None:
    instruction = by_id(PRESIDENTIAL_LIST)["3"]
    assert instruction.addressees.others == ("Минпросвещения России",)
    assert instruction.addressees.co_executors == ("Минтруд России",)
    assert instruction.report_required
    assert instruction.deadline is not None
    assert instruction.deadline.date == dt.date(2025, 3, 15)


def test_sub_items_written_inline_in_one_paragraph_are_split() -> None:
    text = (
        "Перечень поручений по итогам совещания по вопросам развития профессионального "
        "образования\n\n"
        "1. Правительству Российской Федерации совместно с органами исполнительной власти "
        "субъектов Российской Федерации: а) обеспечить модернизацию мастерских; б) рассмотреть "
        "вопрос о наставничестве. Срок — до 1 июля 2025 г., далее — один раз в полгода.\n"
    )
    instructions, _ = extract(text)
    assert [i.id for i in instructions] == ["1а", "1б"]
    assert [i.text for i in instructions] == [
        "обеспечить модернизацию мастерских",
        "рассмотреть вопрос о наставничестве.",
    ]
    assert all(i.deadline and i.deadline.date == dt.date(2025, 7, 1) for i in instructions)


def test_references_to_items_of_other_lists_are_headings_not_numbers() -> None:
    text = (
        "По пункту 2 перечня поручений Президента Российской Федерации от 12.01.2024 № Пр-58\n"
        "Органам исполнительной власти субъектов Российской Федерации обеспечить "
        "трудоустройство выпускников.\n"
        "Пункт 3 перечня поручений по итогам совещания с членами Правительства\n"
        "Минпросвещения России представить доклад о ходе модернизации колледжей.\n"
    )
    instructions, _ = extract(text)
    assert [(i.id, i.number) for i in instructions] == [("1", None), ("2", None)]
    assert instructions[0].text.startswith("Органам исполнительной власти")
    assert instructions[1].action == "report"


def test_roman_headers_group_the_items_of_an_instructions_list() -> None:
    text = (
        "I. Правительству Российской Федерации:\n"
        "1. Обеспечить внесение изменений в государственную программу «Развитие образования».\n"
        "Срок — до 1 марта 2025 г.\n"
        "II. Рекомендовать органам исполнительной власти субъектов Российской Федерации:\n"
        "2. Актуализировать региональные программы развития образования.\n"
    )
    instructions = by_id(text)
    assert instructions["1"].addressees.others == ("Правительство Российской Федерации",)
    assert instructions["1"].kind == "mandatory"
    assert instructions["2"].kind == "recommendation"
    assert instructions["2"].addressees.all_regions


def test_multi_level_numbers_are_kept_as_written() -> None:
    text = (
        "1. Минпросвещения России:\n"
        "1.1. Подготовить методические рекомендации по организации наставничества.\n"
        "1.2. Провести мониторинг трудоустройства выпускников.\n"
        "1.3. Обеспечить:\n"
        "1.3.1. разработку порядка отбора колледжей;\n"
        "1.3.2. направление в Правительство Российской Федерации доклада об итогах отбора.\n"
    )
    instructions = by_id(text)
    assert list(instructions) == ["1.1", "1.2", "1.3.1", "1.3.2"]
    assert [i.action for i in instructions.values()] == ["other", "organize", "ensure", "report"]
    assert all(i.addressees.others == ("Минпросвещения России",) for i in instructions.values())


def test_poruchit_followed_by_a_list_of_addressed_items() -> None:
    text = (
        "Поручить:\n"
        "1. Минпросвещения России (Кравцов С.С.) совместно с Минтрудом России (Котяков А.О.) "
        "подготовить предложения по совершенствованию целевого обучения.\n"
        "2. Рособрнадзору проинформировать Правительство Российской Федерации о результатах "
        "мониторинга.\n"
        "3. Минцифры России обеспечить подключение колледжей к сети «Интернет».\n"
    )
    instructions = by_id(text, kind="protocol")
    assert instructions["1"].addressees.others == ("Минпросвещения России",)
    assert instructions["1"].addressees.co_executors == ("Минтруд России",)
    assert instructions["2"].addressees.others == ("Рособрнадзор",)
    assert instructions["2"].report_required
    assert instructions["3"].addressees.others == ("Минцифры России",)
    assert {i.kind for i in instructions.values()} == {"mandatory"}


def test_recommendation_block_to_municipalities() -> None:
    text = (
        "Рекомендовать органам местного самоуправления:\n"
        "обеспечить участие муниципальных образовательных организаций в конкурсе «Мастер года»;\n"
        "организовать информирование населения о приёмной кампании.\n"
        "Срок — до 1 августа 2025 г.\n"
    )
    instructions, warnings = extract(text, kind="protocol", section="IV")
    assert [i.id for i in instructions] == ["IV.1", "IV.2"]
    assert {i.kind for i in instructions} == {"recommendation"}
    assert all(i.addressees.others == ("органы местного самоуправления",) for i in instructions)
    assert [i.deadline.inherited for i in instructions if i.deadline] == [True, False]
    assert warnings == []


def test_a_header_ending_with_rekomendovat_makes_its_items_recommendations() -> None:
    text = (
        "Органам исполнительной власти субъектов Российской Федерации, осуществляющим "
        "государственное управление в сфере образования, рекомендовать:\n"
        "1) провести анализ трудоустройства выпускников;\n"
        "2) рассмотреть возможность увеличения числа бюджетных мест.\n"
    )
    instructions, _ = extract(text, kind="protocol")
    assert [(i.number, i.kind, i.action) for i in instructions] == [
        ("1", "recommendation", "organize"),
        ("2", "recommendation", "consider"),
    ]
    assert all(i.addressees.all_regions for i in instructions)


REGIONAL_ORDER = """\
ПРАВИТЕЛЬСТВО БЕЛГОРОДСКОЙ ОБЛАСТИ
РАСПОРЯЖЕНИЕ
от 20 января 2025 г. № 35-рп
О развитии среднего профессионального образования в Белгородской области
В целях реализации федерального проекта «Профессионалитет»:
1. Утвердить прилагаемый план мероприятий («дорожную карту») по развитию среднего профессионального образования в Белгородской области на 2025 год.
2. Министерству образования Белгородской области (Миньков А.Н.) обеспечить реализацию плана мероприятий, утвержденного пунктом 1 настоящего распоряжения.
3. Рекомендовать органам местного самоуправления муниципальных районов и городских округов Белгородской области принять участие в реализации плана мероприятий.
4. Признать утратившим силу распоряжение Правительства Белгородской области от 12 марта 2021 г. № 114-рп.
5. Контроль за исполнением распоряжения возложить на заместителя Губернатора Белгородской области.
6. Настоящее распоряжение вступает в силу со дня его официального опубликования.
"""


def test_regional_order_keeps_only_the_operative_instructions() -> None:
    operative = REGIONAL_ORDER[REGIONAL_ORDER.index("В целях") :]  # the body, after the title
    instructions = by_id(operative, date=dt.date(2025, 1, 20))
    assert list(instructions) == ["2", "3"]
    ministry = instructions["2"]
    assert [r.code for r in ministry.addressees.regions] == ["31"]
    assert ministry.addressees.others == ()
    assert ministry.action == "ensure"


def test_regional_order_recommends_to_the_regions_municipalities() -> None:
    municipalities = by_id(REGIONAL_ORDER, date=dt.date(2025, 1, 20))["3"]
    assert municipalities.kind == "recommendation"
    assert [r.code for r in municipalities.addressees.regions] == ["31"]
    assert municipalities.addressees.others[0].startswith("органы местного самоуправления")


def test_bullets_under_a_numbered_poruchaetsya_header_are_one_instruction() -> None:
    text = (
        "В целях организации приёмной кампании 2025 года приказываю:\n"
        "1. Одобрить план-график приёмной кампании.\n"
        "2. Органам исполнительной власти субъектов Российской Федерации, осуществляющим "
        "государственное управление в сфере образования, поручается:\n"
        "- обеспечить информирование абитуриентов о порядке приёма;\n"
        "- проинформировать Минпросвещения России о ходе приёмной кампании до 1 сентября 2025 г.\n"
        "3. Контроль за исполнением настоящего приказа оставляю за собой.\n"
    )
    instructions, _ = extract(text)
    # One instruction per lowest-level numbered item: a dash is no number.
    (item,) = instructions
    assert (item.id, item.number) == ("2", "2")
    assert item.addressees.all_regions
    assert item.report_required
    assert item.deadline is not None
    assert item.deadline.date == dt.date(2025, 9, 1)


def _regions_in_genitive(codes: list[str]) -> str:
    # The reference lists the genitive second; names with a dash or a city are written the way
    # ministry documents write them.
    written = {
        "15": "Республики Северная Осетия – Алания",
        "21": "Чувашской Республики",
        "42": "Кемеровской области – Кузбасса",
        "77": "г. Москвы",
        "78": "г. Санкт-Петербурга",
        "86": "Ханты-Мансийского автономного округа – Югры",
        "92": "г. Севастополя",
    }
    forms = {r.code: written.get(r.code, r.forms[1]) for r in all_regions()}
    return ", ".join(forms[code] for code in codes)


@pytest.mark.parametrize("count", [1, 5, 89])
def test_lists_of_one_five_and_all_89_regions(count: int) -> None:
    codes = [r.code for r in all_regions()][:count]
    text = (
        "По итогам обсуждения решили:\n"
        "1. Исполнительным органам субъектов Российской Федерации, осуществляющим "
        f"государственное управление в сфере образования, {_regions_in_genitive(codes)} "
        "обеспечить назначение руководителей ЦОПП.\n"
        "Срок — до 28 февраля 2025 г.\n"
    )
    (instruction,), warnings = extract(text, kind="protocol", section="III")
    assert [r.code for r in instruction.addressees.regions] == codes
    assert not instruction.addressees.all_regions
    assert instruction.action == "appoint"
    assert warnings == []


def test_a_deadline_with_a_clock_time() -> None:
    text = (
        "Департамент просит органы исполнительной власти субъектов Российской Федерации, "
        "осуществляющие государственное управление в сфере образования, представить до 17-00 "
        "27.04.2010 сведения о ходе приёмной кампании.\n"
    )
    (instruction,), _ = extract(text, kind="letter", date=dt.date(2010, 4, 20))
    assert instruction.deadline is not None
    assert instruction.deadline.date == dt.date(2010, 4, 27)
    assert instruction.deadline.time == dt.time(17, 0)
    assert instruction.addressees.all_regions
    assert instruction.action == "report" and instruction.report_required


def test_a_telegram_request_with_a_quarterly_series_is_one_reporting_instruction() -> None:
    text = (
        "ТЕЛЕГРАММА\n"
        "Департамент государственной политики в сфере среднего профессионального образования и "
        "профессионального обучения Минпросвещения России просит в срок до 15.01.2025 "
        "представить информацию о трудоустройстве выпускников по форме согласно приложению, "
        "далее — ежеквартально, до 5 числа месяца, следующего за отчётным.\n"
    )
    (instruction,), warnings = extract(text, kind="letter", date=dt.date(2024, 12, 20))
    assert instruction.report_required and instruction.action == "report"
    assert instruction.deadline is not None
    assert instruction.deadline.date == dt.date(2025, 1, 15)
    assert instruction.deadline.recurrence is not None
    assert instruction.deadline.recurrence.kind == "quarterly"
    assert instruction.deadline.recurrence.day_of_month == 5
    # The department asks; the executor is the letter's addressee, which the body omits.
    assert instruction.addressees.is_empty
    assert [w.code for w in warnings] == ["no_addressee"]


def test_a_department_letter_asking_the_regions_monthly() -> None:
    text = (
        "Департамент просит органы исполнительной власти субъектов Российской Федерации "
        "представить информацию о численности обучающихся до 10 февраля 2025 г., далее "
        "ежемесячно.\n"
    )
    (instruction,), _ = extract(text, kind="letter")
    assert instruction.addressees.all_regions
    assert instruction.deadline is not None
    assert instruction.deadline.recurrence is not None
    assert instruction.deadline.recurrence.kind == "monthly"


def test_a_cover_letter_sending_a_protocol_has_no_instruction() -> None:
    text = (
        "Департамент государственной политики в сфере среднего профессионального образования и "
        "профессионального обучения Минпросвещения России направляет для исполнения и учета в "
        "работе протокол совещания, состоявшегося 23 октября 2024 года.\n"
        "Приложение: на 5 л. в 1 экз.\n"
    )
    assert extract(text, kind="letter") == ([], [])


def test_narrative_instructions_name_the_addressee_before_porucheno() -> None:
    text = (
        "В ходе совещания органам исполнительной власти субъектов Российской Федерации поручено "
        "в срок до 1 марта 2025 г. представить в Минпросвещения России сведения о "
        "трудоустройстве выпускников.\n"
        "Минпросвещения России поручено подготовить методические рекомендации по организации "
        "наставничества.\n"
    )
    first, second = extract(text, kind="other")[0]
    assert first.addressees.all_regions and first.report_required
    assert first.deadline is not None and first.deadline.date == dt.date(2025, 3, 1)
    assert second.addressees.others == ("Минпросвещения России",)
    assert second.kind == "mandatory"


def test_rekomenduetsya_makes_a_recommendation() -> None:
    (instruction,), _ = extract(
        "Регионам рекомендуется обеспечить участие колледжей в ярмарках вакансий.\n",
        kind="other",
    )
    assert instruction.kind == "recommendation"
    assert instruction.addressees.all_regions


def test_predlozhit_is_a_mandatory_instruction_to_the_named_organisation() -> None:
    (instruction,), _ = extract(
        "Предложить ФГБОУ ДПО «Институт развития профессионального образования» провести "
        "методический семинар для руководителей ЦОПП.\n",
        kind="protocol",
    )
    assert instruction.kind == "mandatory"
    assert instruction.addressees.others == (
        "ФГБОУ ДПО «Институт развития профессионального образования»",
    )
    assert instruction.action == "organize"


def test_decision_and_first_item_on_one_line() -> None:
    text = (
        "Решили: 1. Высшим должностным лицам субъектов Российской Федерации обеспечить "
        "проведение региональных этапов чемпионата «Профессионалы».\n"
    )
    (instruction,), _ = extract(text, kind="protocol", section="II")
    assert instruction.id == "II.1"
    assert instruction.addressees.all_regions


def test_noted_approved_and_agreed_clauses_after_a_decision_are_skipped() -> None:
    text = (
        "РЕШИЛИ:\n"
        "1. Информацию директора Департамента Софроновой М.И. принять к сведению.\n"
        "2. Одобрить проект плана мероприятий на 2025 год.\n"
        "3. Согласиться с предложением Союза директоров организаций СПО России.\n"
        "4. Органам исполнительной власти субъектов Российской Федерации проинформировать "
        "Минпросвещения России о принятых мерах.\n"
        "Срок — до 20 февраля 2025 г.\n"
    )
    (instruction,), warnings = extract(text, kind="protocol", section="I")
    assert instruction.id == "I.4"
    assert instruction.action == "report" and instruction.report_required
    assert warnings == []


def test_informing_students_is_not_reporting_but_informing_the_ministry_is() -> None:
    text = (
        "Регионам:\n"
        "1. проинформировать обучающихся о возможности пройти онлайн-курсы;\n"
        "2. проинформировать Департамент о назначенных ответственных.\n"
    )
    first, second = extract(text, kind="protocol")[0]
    assert (first.action, first.report_required) == ("inform", False)
    assert (second.action, second.report_required) == ("report", True)


def test_a_condition_on_the_regions_in_an_instructions_list() -> None:
    text = (
        "2. Органам исполнительной власти субъектов Российской Федерации, участвующим в "
        "федеральном проекте «Профессионалитет», обеспечить создание образовательных "
        "кластеров.\nСрок — до 1 сентября 2025 г.\n"
    )
    (instruction,), _ = extract(text)
    assert (
        instruction.addressees.condition == "участвующим в федеральном проекте «Профессионалитет»"
    )
    assert not instruction.addressees.all_regions
