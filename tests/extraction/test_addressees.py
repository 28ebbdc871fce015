import pytest

from protokol.extraction.addressees import find_co_executors, resolve_addressees
from protokol.extraction.model import Addressees, ExtractionWarning


def resolve(phrase: str, *, accusative: bool = False) -> tuple[Addressees, list[ExtractionWarning]]:
    return resolve_addressees(phrase, 0, len(phrase), accusative=accusative)


@pytest.mark.parametrize(
    "phrase",
    [
        "Исполнительным органам субъектов Российской Федерации, осуществляющим государственное "
        "управление в сфере образования",
        "органам исполнительной власти субъектов Российской Федерации",
        "Органам исполнительной власти субъектов Российской Федерации, осуществляющим функции по "
        "регулированию в сфере среднего профессионального образования",
        "высшим должностным лицам субъектов Российской Федерации",
        "субъектам Российской Федерации",
        "Регионам",
    ],
)
def test_the_regional_authorities_of_all_subjects_mean_all_regions(phrase: str) -> None:
    addressees, warnings = resolve(phrase)
    assert addressees.all_regions
    assert addressees.regions == () and addressees.others == ()
    assert warnings == []


def test_the_accusative_after_a_request_also_means_all_regions() -> None:
    addressees, _ = resolve(
        "органы исполнительной власти субъектов Российской Федерации", accusative=True
    )
    assert addressees.all_regions


def test_listed_regions_narrow_a_phrase_that_starts_with_all_subjects() -> None:
    phrase = (
        "Исполнительным органам субъектов Российской Федерации, осуществляющим государственное "
        "управление в сфере образования, Белгородской области, Республики Тыва, г. Севастополя"
    )
    addressees, warnings = resolve(phrase)
    assert not addressees.all_regions
    assert [(r.code, r.as_written) for r in addressees.regions] == [
        ("31", "Белгородской области"),
        ("17", "Республики Тыва"),
        ("92", "г. Севастополя"),
    ]
    assert all(phrase[r.span[0] : r.span[1]] == r.as_written for r in addressees.regions)
    assert warnings == []


def test_a_region_named_twice_is_kept_once_with_a_warning_at_the_second_mention() -> None:
    phrase = "Исполнительным органам Чувашской Республики, Республики Коми, Чувашской Республики"
    addressees, warnings = resolve(phrase)
    assert [r.code for r in addressees.regions] == ["21", "11"]
    assert [w.code for w in warnings] == ["duplicate_region"]
    assert "Чувашская Республика" in warnings[0].message
    assert warnings[0].span == (phrase.rindex("Чувашской"), len(phrase))


def test_a_region_like_phrase_naming_no_subject_is_reported() -> None:
    phrase = "Исполнительным органам Белгородской области, Сибирской области"
    addressees, warnings = resolve(phrase)
    assert [r.code for r in addressees.regions] == ["31"]
    assert [w.code for w in warnings] == ["unknown_region"]
    assert "Сибирской области" in warnings[0].message
    assert warnings[0].span == (phrase.index("Сибирской"), len(phrase))


def test_spans_are_offsets_into_the_whole_text() -> None:
    text = "1. Министерству образования Белгородской области обеспечить …"
    start = text.index("Министерству")
    end = text.index(" обеспечить")
    addressees, _ = resolve_addressees(text, start, end)
    assert addressees.regions[0].span == (text.index("Белгородской"), end)


@pytest.mark.parametrize(
    ("phrase", "condition"),
    [
        (
            "Исполнительным органам субъектов Российской Федерации, осуществляющим "
            "государственное управление в сфере образования, на территории которых созданы ЦОПП,",
            "на территории которых созданы ЦОПП",
        ),
        (
            "Органам исполнительной власти субъектов Российской Федерации, в которых созданы "
            "образовательно-производственные центры (кластеры)",
            "в которых созданы образовательно-производственные центры (кластеры)",
        ),
        (
            "Исполнительным органам субъектов Российской Федерации, участвующим в федеральном "
            "проекте «Профессионалитет»",
            "участвующим в федеральном проекте «Профессионалитет»",
        ),
    ],
)
def test_a_condition_narrows_the_regions_to_be_chosen_at_review(
    phrase: str, condition: str
) -> None:
    addressees, _ = resolve(phrase)
    assert addressees.condition == condition
    assert not addressees.all_regions
    assert addressees.regions == ()


@pytest.mark.parametrize(
    ("phrase", "others"),
    [
        ("Минпросвещения России", ("Минпросвещения России",)),
        (
            "ФГБОУ ДПО «Институт развития профессионального образования»",
            ("ФГБОУ ДПО «Институт развития профессионального образования»",),
        ),
        (
            "Департаменту государственной политики и управления в сфере общего образования",
            ("Департамент государственной политики и управления в сфере общего образования",),
        ),
        ("Правительству Российской Федерации", ("Правительство Российской Федерации",)),
        (
            "Минпросвещения России (Кравцов С.С.), Минтруду России и Рособрнадзору",
            ("Минпросвещения России", "Минтруд России", "Рособрнадзор"),
        ),
        ("органам местного самоуправления", ("органы местного самоуправления",)),
        ("Минстрою России", ("Минстрой России",)),
        (
            "Министерству просвещения Российской Федерации",
            ("Министерство просвещения Российской Федерации",),
        ),
    ],
)
def test_other_organisations_are_kept_in_the_nominative(
    phrase: str, others: tuple[str, ...]
) -> None:
    addressees, _ = resolve(phrase)
    assert addressees.others == others
    assert not addressees.all_regions


def test_municipalities_of_a_region_are_others_and_their_region_is_listed() -> None:
    addressees, _ = resolve(
        "органам местного самоуправления муниципальных районов и городских округов "
        "Белгородской области"
    )
    assert [r.code for r in addressees.regions] == ["31"]
    assert addressees.others == (
        "органы местного самоуправления муниципальных районов и городских округов "
        "Белгородской области",
    )


def test_regions_and_municipalities_together() -> None:
    addressees, _ = resolve(
        "Органам исполнительной власти субъектов Российской Федерации и органам местного "
        "самоуправления"
    )
    assert addressees.all_regions
    assert addressees.others == ("органы местного самоуправления",)


@pytest.mark.parametrize(
    ("phrase", "co_executors"),
    [
        (
            "Исполнительным органам субъектов Российской Федерации, осуществляющим "
            "государственное управление в сфере образования, совместно с работодателями",
            ("работодатели",),
        ),
        (
            "Органам исполнительной власти субъектов Российской Федерации совместно с ФГБОУ ДПО "
            "«Институт развития профессионального образования»",
            ("ФГБОУ ДПО «Институт развития профессионального образования»",),
        ),
        (
            "Органам исполнительной власти субъектов Российской Федерации при участии "
            "Союза директоров организаций СПО России",
            ("Союз директоров организаций СПО России",),
        ),
        (
            "Органам исполнительной власти субъектов Российской Федерации совместно с "
            "работодателями и профессиональными образовательными организациями",
            ("работодатели", "профессиональные образовательные организации"),
        ),
    ],
)
def test_co_executors_are_not_addressees_and_are_kept_in_the_nominative(
    phrase: str, co_executors: tuple[str, ...]
) -> None:
    addressees, _ = resolve(phrase)
    assert addressees.co_executors == co_executors
    assert addressees.all_regions
    assert addressees.others == ()


def test_the_regions_named_as_co_executors_of_the_government_are_addressees_too() -> None:
    addressees, _ = resolve(
        "Правительству Российской Федерации совместно с органами исполнительной власти "
        "субъектов Российской Федерации"
    )
    assert addressees.others == ("Правительство Российской Федерации",)
    assert addressees.co_executors == ()
    assert addressees.all_regions


def test_co_executors_after_the_verb_are_found_in_the_predicate() -> None:
    assert find_co_executors(
        "обеспечить совместно с Минтрудом России (Котяков А.О.) мониторинг"
    ) == ("Минтруд России",)
    # «при участии финалистов» inside the action describes the event, not an executor.
    assert find_co_executors("обеспечить проведение кампании при участии финалистов") == ()


@pytest.mark.parametrize("phrase", ["в срок до 15.01.2025", "Ответственные", "В сфере образования"])
def test_phrases_naming_nobody_resolve_to_no_addressee(phrase: str) -> None:
    addressees, warnings = resolve(phrase)
    assert addressees.is_empty
    assert addressees.text == ""
    assert warnings == []


def test_stray_characters_in_a_phrase_do_not_reach_the_analyser() -> None:
    addressees, warnings = resolve("Органам \ud800\u0301 2024_x, ФГБОУ-\ud800")
    assert warnings == []
    assert not addressees.all_regions
