"""Addressee wordings of real ministry, commission and regional documents."""

import pytest

from protokol.extraction import parse_text
from protokol.extraction.addressees import find_co_executors, resolve_addressees
from protokol.extraction.model import Addressees, ExtractionWarning
from protokol.extraction.regions import all_regions, regions_of_district


def resolve(phrase: str, **options: bool) -> tuple[Addressees, list[ExtractionWarning]]:
    return resolve_addressees(phrase, 0, len(phrase), **options)


def codes(addressees: Addressees) -> list[str]:
    return [region.code for region in addressees.regions]


ALL_CODES = {region.code for region in all_regions()}


# --- regions and all subjects among the co-executors -----------------------------------------


def test_a_region_named_as_co_executor_is_an_addressee() -> None:
    addressees, _ = resolve("Минпросвещения России совместно с правительством Республики Бурятия")
    assert codes(addressees) == ["03"]
    assert addressees.others == ("Минпросвещения России",)
    assert addressees.co_executors == ()


def test_the_authorities_of_all_subjects_taking_part_are_addressees() -> None:
    addressees, _ = resolve(
        "Минпросвещения России при участии органов исполнительной власти субъектов "
        "Российской Федерации"
    )
    assert addressees.all_regions
    assert addressees.others == ("Минпросвещения России",)


def test_other_co_executors_beside_regional_ones_stay_co_executors() -> None:
    addressees, _ = resolve(
        "Минтруду России совместно с заинтересованными федеральными органами исполнительной "
        "власти и органами исполнительной власти субъектов Российской Федерации"
    )
    assert addressees.all_regions
    assert addressees.co_executors == ("заинтересованные федеральные органы исполнительной власти",)


def test_a_list_of_co_executors_goes_on_past_a_comma_while_it_is_instrumental() -> None:
    addressees, _ = resolve("Минтруду России совместно с Минстроем России, Минфином России")
    assert addressees.others == ("Минтруд России",)
    assert addressees.co_executors == ("Минстрой России", "Минфин России")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Органам исполнительной власти Белгородской и Курской областей", ["31", "46"]),
        ("Органам исполнительной власти Курганской, Тюменской областей", ["45", "72"]),
        ("Правительствам Алтайского и Краснодарского краёв", ["22", "23"]),
        ("Главам республик Адыгея и Калмыкия", ["01", "08"]),
        ("Правительствам Белгородской и Курской обл.", ["31", "46"]),
        ("совместно с правительствами Белгородской и Курской областей", ["31", "46"]),
    ],
)
def test_regions_sharing_one_plural_head_are_each_addressees(
    phrase: str, expected: list[str]
) -> None:
    addressees, _ = resolve(phrase)
    assert codes(addressees) == expected
    assert not addressees.all_regions


# --- every wording of «all subjects» ---------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "Высшим должностным лицам субъектов РФ",
        "Высшим должностным лицам (руководителям высших исполнительных органов "
        "государственной власти) субъектов Российской Федерации",
        "Органам исполнительной власти регионов",
        "Субъектам Российской Федерации",
        "Руководителям органов исполнительной власти субъектов Российской Федерации, "
        "осуществляющих государственное управление в сфере образования",
        "Исполнительным органам субъектов",
        "Региональным органам исполнительной власти",
        "Региональным министерствам образования",
        "Органам государственной власти субъектов РФ",
        "Главам регионов",
        "Губернаторам",
    ],
)
def test_every_wording_of_all_subjects_means_all_regions(phrase: str) -> None:
    addressees, warnings = resolve(phrase)
    assert addressees.all_regions
    assert addressees.regions == () and addressees.others == ()
    assert warnings == []


@pytest.mark.parametrize(
    ("phrase", "other"),
    [
        ("Органам местного самоуправления", "Органы местного самоуправления"),
        ("Муниципальным образованиям", "Муниципальные образования"),
        ("Главам муниципальных образований", "Главы муниципальных образований"),
        ("Региональным операторам", "Региональные операторы"),
        (
            "Субъектам малого и среднего предпринимательства",
            "Субъекты малого и среднего предпринимательства",
        ),
    ],
)
def test_municipalities_and_look_alikes_are_not_all_regions(phrase: str, other: str) -> None:
    addressees, _ = resolve(phrase)
    assert not addressees.all_regions
    assert addressees.others == (other,)


# --- exclusions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "excluded"),
    [
        (
            "Органам исполнительной власти субъектов Российской Федерации, за исключением "
            "г. Москвы и г. Санкт-Петербурга",
            ["77", "78"],
        ),
        (
            "Органам исполнительной власти субъектов Российской Федерации (за исключением "
            "г. Москвы, г. Санкт-Петербурга и Московской области)",
            ["77", "78", "50"],
        ),
        ("Всем субъектам Российской Федерации, кроме Республики Крым", ["91"]),
        ("Регионам, кроме Республики Крым и г. Севастополя", ["91", "92"]),
    ],
)
def test_an_exclusion_is_all_regions_minus_those_named(phrase: str, excluded: list[str]) -> None:
    addressees, warnings = resolve(phrase)
    assert addressees.all_regions
    assert addressees.regions == ()
    assert [region.code for region in addressees.excluded] == excluded
    (warning,) = [w for w in warnings if w.code == "regions_excluded"]
    assert "г. Москва" in warning.message or "Крым" in warning.message
    assert warning.span is not None and phrase[warning.span[0] : warning.span[1]]


def test_an_exclusion_in_the_middle_keeps_the_rest_of_the_phrase() -> None:
    addressees, _ = resolve(
        "Органам исполнительной власти субъектов Российской Федерации, за исключением "
        "Республики Крым, осуществляющим государственное управление в сфере образования"
    )
    assert addressees.all_regions
    assert [region.code for region in addressees.excluded] == ["91"]
    assert addressees.others == ()


def test_an_exclusion_naming_no_region_excludes_nothing() -> None:
    addressees, warnings = resolve(
        "Органам исполнительной власти субъектов Российской Федерации, за исключением "
        "случаев, предусмотренных законом"
    )
    assert addressees.all_regions
    assert addressees.excluded == ()
    assert not any(w.code == "regions_excluded" for w in warnings)


def test_regions_singled_out_among_all_subjects_do_not_narrow_them() -> None:
    addressees, _ = resolve(
        "Органам исполнительной власти субъектов Российской Федерации, в том числе "
        "Белгородской области и Республики Крым"
    )
    assert addressees.all_regions
    assert addressees.regions == ()


@pytest.mark.parametrize(
    "phrase",
    [
        "Органам исполнительной власти субъектов Российской Федерации по списку согласно "
        "приложению",
        "Субъектам Российской Федерации, указанным в приложении",
        "Регионам-участникам федерального проекта «Профессионалитет»",
        "Органам исполнительной власти пилотных регионов",
    ],
)
def test_subjects_listed_elsewhere_or_chosen_by_a_project_are_a_condition(phrase: str) -> None:
    addressees, warnings = resolve(phrase)
    assert not addressees.all_regions
    assert addressees.condition
    assert addressees.others == ()
    assert [w.code for w in warnings] == ["regions_condition"]


# --- federal districts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "districts"),
    [
        ("Субъектам Приволжского федерального округа", ("ПФО",)),
        ("Регионам ДФО", ("ДФО",)),
        (
            "Органам исполнительной власти субъектов Северо-Кавказского федерального округа",
            ("СКФО",),
        ),
        (
            "Органам исполнительной власти субъектов Российской Федерации, входящих в "
            "Приволжский федеральный округ",
            ("ПФО",),
        ),
        (
            "Высшим должностным лицам субъектов Южного и Северо-Кавказского федеральных округов",
            ("ЮФО", "СКФО"),
        ),
    ],
)
def test_a_federal_district_means_its_regions_with_a_warning(
    phrase: str, districts: tuple[str, ...]
) -> None:
    addressees, warnings = resolve(phrase)
    expected = {region.code for d in districts for region in regions_of_district(d)}
    assert set(codes(addressees)) == expected
    assert addressees.districts == districts
    assert not addressees.all_regions
    assert [w.code for w in warnings] == ["federal_district"] * len(districts)


def test_the_subjects_of_2022_belong_to_no_district() -> None:
    assert not {"90", "93", "94", "95"} & {
        region.code for d in ("ЦФО", "ЮФО", "ПФО") for region in regions_of_district(d)
    }


def test_excluded_regions_leave_a_district_too() -> None:
    addressees, _ = resolve("Субъектам ДФО, за исключением Республики Бурятия")
    assert "03" not in codes(addressees)
    assert len(addressees.regions) == len(regions_of_district("ДФО")) - 1


# --- abbreviations and common names ----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("ЯНАО", "89"),
        ("ХМАО – Югры", "86"),
        ("ХМАО-Югры", "86"),
        ("Югры", "86"),
        ("НАО", "83"),
        ("ЧАО", "87"),
        ("ЕАО", "79"),
        ("КЧР", "09"),
        ("КБР", "07"),
        ("РСО – Алании", "15"),
        ("РСО-Алании", "15"),
        ("Курской обл.", "46"),
        ("Кубани", "23"),
        ("Тувы", "17"),
        ("Тывы", "17"),
        ("Якутии", "14"),
        ("Кузбасса", "42"),
        ("Чувашии", "21"),
        ("Удмуртии", "18"),
        ("Башкирии", "02"),
        ("Татарстана", "16"),
        ("Мордовии", "13"),
        ("Бурятии", "03"),
        ("г. Севастополя", "92"),
        ("Санкт-Петербурга", "78"),
        ("ДНР", "93"),
        ("ЛНР", "94"),
        ("Республики Северная Осетия – Алания", "15"),
        ("Республики Северная Осетия—Алания", "15"),
        ("Республики Северная Осетия-Алания", "15"),
        ("Республики Северная Осетия -Алания", "15"),
        ("Ямало-Ненецкого АО", "89"),
    ],
)
def test_abbreviations_and_common_names_resolve(written: str, code: str) -> None:
    addressees, _ = resolve(f"Правительству {written}")
    assert codes(addressees) == [code]
    assert addressees.regions[0].as_written == written


# --- regions that are not addressees ---------------------------------------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "Министерству образования Белгородской области в Правительство Курской области",
        "Министерству образования Белгородской области на территории Курской области",
        "Министерству образования Белгородской области в г. Санкт-Петербург",
    ],
)
def test_a_region_after_a_preposition_is_a_place_or_recipient_not_an_addressee(
    phrase: str,
) -> None:
    addressees, _ = resolve(phrase)
    assert codes(addressees) == ["31"]


def test_a_federal_body_in_a_region_is_another_organisation() -> None:
    addressees, _ = resolve("Управлению Роспотребнадзора по Белгородской области")
    assert addressees.regions == ()
    assert addressees.others == ("Управление Роспотребнадзора по Белгородской области",)


def test_the_recipient_of_a_report_in_a_document_is_not_an_addressee() -> None:
    result = parse_text(
        "РЕШИЛИ:\n"
        "1. Органам исполнительной власти субъектов Российской Федерации направить "
        "информацию в Правительство Белгородской области до 1 апреля 2025 г.\n"
    )
    (instruction,) = result.instructions
    assert instruction.addressees.all_regions
    assert instruction.addressees.regions == ()


# --- the nominative --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "others", "co_executors"),
    [
        ("Минстрою России совместно с работодателями", ("Минстрой России",), ("работодатели",)),
        (
            "Министерству просвещения Российской Федерации",
            ("Министерство просвещения Российской Федерации",),
            (),
        ),
        (
            "Федеральному агентству по делам молодежи",
            ("Федеральное агентство по делам молодежи",),
            (),
        ),
        (
            "Минпросвещения России, Минобрнауки России",
            ("Минпросвещения России", "Минобрнауки России"),
            (),
        ),
        (
            "Минпросвещения России при участии Союза директоров организаций СПО России",
            ("Минпросвещения России",),
            ("Союз директоров организаций СПО России",),
        ),
    ],
)
def test_others_and_co_executors_are_stored_in_the_nominative_and_abbreviations_stay(
    phrase: str, others: tuple[str, ...], co_executors: tuple[str, ...]
) -> None:
    addressees, _ = resolve(phrase)
    assert addressees.others == others
    assert addressees.co_executors == co_executors


def test_the_addressee_ends_before_an_adverbial_of_time() -> None:
    addressees, _ = resolve("Минпросвещения России в срок до 1 марта 2025 г.")
    assert addressees.others == ("Минпросвещения России",)


def test_co_executors_after_the_verb_are_in_the_nominative() -> None:
    assert find_co_executors("обеспечить совместно с работодателями обучение") == ("работодатели",)


# --- a nominative phrase (responsible lines, table columns) ----------------------------------


def test_a_nominative_responsible_line_names_all_regions_and_others() -> None:
    addressees, _ = resolve(
        "органы исполнительной власти субъектов Российской Федерации, Минпросвещения России",
        nominative=True,
    )
    assert addressees.all_regions
    assert addressees.others == ("Минпросвещения России",)


def test_a_nominative_region_is_resolved() -> None:
    addressees, _ = resolve("Белгородская область, Республика Тыва", nominative=True)
    assert codes(addressees) == ["31", "17"]


def test_a_nominative_label_is_not_an_addressee() -> None:
    addressees, _ = resolve(
        "Ответственные: Рособрнадзор, Министерство просвещения Российской Федерации",
        nominative=True,
    )
    assert addressees.others == ("Рособрнадзор", "Министерство просвещения Российской Федерации")


def test_a_labelled_responsible_line_is_read_in_the_nominative_without_being_told() -> None:
    addressees, _ = resolve(
        "Ответственные: органы исполнительной власти субъектов Российской Федерации, "
        "Рособрнадзор, Министерство просвещения Российской Федерации"
    )
    assert addressees.all_regions
    assert addressees.others == ("Рособрнадзор", "Министерство просвещения Российской Федерации")


# --- doubts ----------------------------------------------------------------------------------


def test_a_condition_is_a_warning_to_choose_the_regions() -> None:
    addressees, warnings = resolve(
        "Органам исполнительной власти субъектов Российской Федерации, на территории которых "
        "созданы ЦОПП"
    )
    assert addressees.condition == "на территории которых созданы ЦОПП"
    (warning,) = warnings
    assert warning.code == "regions_condition"
    assert "выберите регионы" in warning.message


def test_a_region_like_word_in_a_plural_list_that_names_no_subject_is_a_warning() -> None:
    addressees, warnings = resolve("Правительствам Белгородской и Сибирской областей")
    assert codes(addressees) == ["31"]
    assert [w.code for w in warnings] == ["unknown_region"]


def test_a_mandatory_instruction_without_addressee_is_a_warning() -> None:
    result = parse_text("РЕШИЛИ:\n1. Обеспечить проведение мониторинга до 1 мая 2025 г.\n")
    assert "no_addressee" in {w.code for w in result.warnings}


# --- bounded time ----------------------------------------------------------------------------


def _phrase_of(count: int) -> str:
    names = [region.forms[1] for region in all_regions()]
    return "Органам исполнительной власти субъектов РФ, " + ", ".join(
        f"совместно с правительством {names[i % 89]}, за исключением {names[(i + 1) % 89]}"
        for i in range(count)
    )


def test_thousands_of_regions_with_exclusions_and_co_executors_resolve() -> None:
    # The time this takes (linear since the quadratic overlap scans went) is measured by
    # `make bench` with 5,000 region names in one sentence, never asserted here.
    addressees, _ = resolve(_phrase_of(4000))
    assert set(codes(addressees)) <= ALL_CODES


# --- the region that issued the document -----------------------------------------------------

REGIONAL_ORDER = """Распоряжение от 03.03.2012 г № 70-р

В соответствии с Бюджетным кодексом Российской Федерации Правительство Архангельской области постановляет:
1. Министерству финансов Архангельской области предусмотреть средства на реализацию программы.
2. Министерству образования Архангельской области совместно с администрацией Вологодской области обеспечить проведение олимпиады.
"""

FEDERAL_ORDER = """ПРАВИТЕЛЬСТВО РОССИЙСКОЙ ФЕДЕРАЦИИ

РАСПОРЯЖЕНИЕ

от 19 сентября 2013 года N 1690-р

1. Рекомендовать Правительству Калужской области обеспечить проведение мероприятий.
"""

UNSIGNED_REGIONAL_ORDER = """Распоряжение от 21.03.2011 г № 25-Р
О мерах по улучшению санитарной обстановки в Карачаево-Черкесской Республике
В соответствии с Обращением Политического совета регионального отделения партии о проведении месячника по благоустройству населенных пунктов Карачаево-Черкесской Республики, посвященного 66-й годовщине Победы в Великой Отечественной войне 1941 - 1945 годов:
1. Министерству строительства Карачаево-Черкесской Республики организовать месячник по благоустройству.
"""


def by_number(text: str) -> dict[str | None, Addressees]:
    return {i.number: i.addressees for i in parse_text(text).instructions}


def test_the_issuing_regions_own_bodies_are_others_not_the_region() -> None:
    result = parse_text(REGIONAL_ORDER)
    addressees = {i.number: i.addressees for i in result.instructions}
    assert addressees["1"].regions == ()
    assert addressees["1"].others == ("Министерство финансов Архангельской области",)
    # Another region named in the same order is still an addressee.
    assert codes(addressees["2"]) == ["35"]
    assert [w.code for w in result.warnings].count("author_region") == 2


def test_a_federal_order_keeps_the_region_it_addresses() -> None:
    assert codes(by_number(FEDERAL_ORDER)["1"]) == ["40"]


def test_an_unsigned_regional_order_takes_its_issuer_from_its_subject_line() -> None:
    addressees = by_number(UNSIGNED_REGIONAL_ORDER)["1"]
    assert addressees.regions == ()
    assert addressees.others == ("Министерство строительства Карачаево-Черкесской Республики",)
