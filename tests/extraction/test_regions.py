import importlib.util
import json
import sys
from pathlib import Path

import pytest

from protokol.extraction.regions import (
    FEDERAL_DISTRICTS,
    Region,
    all_regions,
    find_regions,
    find_unresolved_region_phrases,
    region_by_code,
    resolve_region,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "samples" / "sample_protocol.txt"
GENERATOR = ROOT / "tools" / "build_regions.py"

# DOMAIN.md §4, code → federal district; None for the four subjects admitted in 2022.
EXPECTED_DISTRICTS = {
    "01": "ЮФО", "02": "ПФО", "03": "ДФО", "04": "СФО", "05": "СКФО", "06": "СКФО",
    "07": "СКФО", "08": "ЮФО", "09": "СКФО", "10": "СЗФО", "11": "СЗФО", "12": "ПФО",
    "13": "ПФО", "14": "ДФО", "15": "СКФО", "16": "ПФО", "17": "СФО", "18": "ПФО",
    "19": "СФО", "20": "СКФО", "21": "ПФО", "22": "СФО", "23": "ЮФО", "24": "СФО",
    "25": "ДФО", "26": "СКФО", "27": "ДФО", "28": "ДФО", "29": "СЗФО", "30": "ЮФО",
    "31": "ЦФО", "32": "ЦФО", "33": "ЦФО", "34": "ЮФО", "35": "СЗФО", "36": "ЦФО",
    "37": "ЦФО", "38": "СФО", "39": "СЗФО", "40": "ЦФО", "41": "ДФО", "42": "СФО",
    "43": "ПФО", "44": "ЦФО", "45": "УФО", "46": "ЦФО", "47": "СЗФО", "48": "ЦФО",
    "49": "ДФО", "50": "ЦФО", "51": "СЗФО", "52": "ПФО", "53": "СЗФО", "54": "СФО",
    "55": "СФО", "56": "ПФО", "57": "ЦФО", "58": "ПФО", "59": "ПФО", "60": "СЗФО",
    "61": "ЮФО", "62": "ЦФО", "63": "ПФО", "64": "ПФО", "65": "ДФО", "66": "УФО",
    "67": "ЦФО", "68": "ЦФО", "69": "ЦФО", "70": "СФО", "71": "ЦФО", "72": "УФО",
    "73": "ПФО", "74": "УФО", "75": "ДФО", "76": "ЦФО", "77": "ЦФО", "78": "СЗФО",
    "79": "ДФО", "83": "СЗФО", "86": "УФО", "87": "ДФО", "89": "УФО", "90": None,
    "91": "ЮФО", "92": "ЮФО", "93": None, "94": None, "95": None,
}  # fmt: skip

# Hours ahead of UTC in the capital; Moscow time unless listed.
EXPECTED_NON_MOSCOW_OFFSETS = {
    "39": 2,
    "18": 4, "30": 4, "63": 4, "64": 4, "73": 4,
    "02": 5, "45": 5, "56": 5, "59": 5, "66": 5, "72": 5, "74": 5, "86": 5, "89": 5,
    "55": 6,
    "04": 7, "17": 7, "19": 7, "22": 7, "24": 7, "42": 7, "54": 7, "70": 7,
    "03": 8, "38": 8,
    "14": 9, "28": 9, "75": 9,
    "25": 10, "27": 10, "79": 10,
    "49": 11, "65": 11,
    "41": 12, "87": 12,
}  # fmt: skip

SECTION_III_CODES = {
    "31", "69", "71", "17", "79", "34", "29", "21", "20", "62", "13", "11",
    "10", "56", "48", "41", "07", "92", "32", "26", "02", "53", "42",
}  # fmt: skip
SECTION_VIII_CODES = {
    "32", "33", "34", "93", "07", "44", "54", "57", "06", "15", "17", "19", "95", "76",
}  # fmt: skip


def sample_paragraph(opening: str) -> str:
    (paragraph,) = [line for line in SAMPLE.read_text("utf-8").splitlines() if opening in line]
    return paragraph


def codes(text: str) -> list[str]:
    return [match.region.code for match in find_regions(text)]


# --- the reference ---------------------------------------------------------------------------


def test_it_lists_the_89_subjects_ordered_by_unique_code() -> None:
    regions = all_regions()
    assert len(regions) == 89
    assert [region.code for region in regions] == sorted(EXPECTED_DISTRICTS)


def test_it_places_every_subject_in_its_federal_district() -> None:
    assert {region.code: region.district for region in all_regions()} == EXPECTED_DISTRICTS


def test_the_four_subjects_of_2022_belong_to_no_district() -> None:
    without = {region.code for region in all_regions() if region.district is None}
    assert without == {"90", "93", "94", "95"}


def test_it_names_the_eight_federal_districts_in_full() -> None:
    assert FEDERAL_DISTRICTS == {
        "ЦФО": "Центральный федеральный округ",
        "СЗФО": "Северо-Западный федеральный округ",
        "ЮФО": "Южный федеральный округ",
        "СКФО": "Северо-Кавказский федеральный округ",
        "ПФО": "Приволжский федеральный округ",
        "УФО": "Уральский федеральный округ",
        "СФО": "Сибирский федеральный округ",
        "ДФО": "Дальневосточный федеральный округ",
    }


def test_it_gives_the_utc_offset_of_each_regional_capital() -> None:
    offsets = {region.code: region.utc_offset for region in all_regions()}
    expected = {code: EXPECTED_NON_MOSCOW_OFFSETS.get(code, 3) for code in EXPECTED_DISTRICTS}
    assert offsets == expected


def test_it_keeps_constitutional_and_short_names_apart() -> None:
    kuzbass = region_by_code("42")
    assert kuzbass.name == "Кемеровская область – Кузбасс"
    assert region_by_code("77").short_name == "г. Москва"
    assert region_by_code("93").short_name == "ДНР"
    assert region_by_code("93").name == "Донецкая Народная Республика"
    assert region_by_code("14").name == "Республика Саха (Якутия)"


def test_it_raises_key_error_for_a_code_that_is_not_a_subject() -> None:
    with pytest.raises(KeyError):
        region_by_code("99")


def test_the_committed_reference_is_what_its_generator_produces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = importlib.util.spec_from_file_location("build_regions", GENERATOR)
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    # Dataclasses look their module up in sys.modules while the file executes.
    monkeypatch.setitem(sys.modules, "build_regions", generator)
    spec.loader.exec_module(generator)
    committed = json.loads(generator.OUTPUT.read_text("utf-8"))
    morph = generator.pymorphy3.MorphAnalyzer()
    assert committed == {
        "district_names": generator.DISTRICT_NAMES,
        "regions": [generator.region_entry(morph, one) for one in generator.SPECS],
    }


def test_it_stores_each_form_once() -> None:
    for region in all_regions():
        assert len(region.forms) == len(set(region.forms)), region.code


@pytest.mark.parametrize("region", all_regions(), ids=lambda region: region.code)
def test_every_form_of_the_region_resolves_back_to_it(region: Region) -> None:
    for form in region.forms:
        assert resolve_region(form) == region, form
        sentence = f"Исполнительным органам {form} обеспечить назначение руководителей ЦОПП."
        (match,) = find_regions(sentence)
        assert (match.region, match.as_written) == (region, form)
        assert sentence[match.start : match.end] == form


@pytest.mark.parametrize(
    ("code", "six_cases"),
    [
        (
            "42",
            [
                "Кемеровская область – Кузбасс",
                "Кемеровской области – Кузбасса",
                "Кемеровской области – Кузбассу",
                "Кемеровскую область – Кузбасс",
                "Кемеровской областью – Кузбассом",
                "Кемеровской области – Кузбассе",
            ],
        ),
        (
            "14",
            [
                "Республика Саха (Якутия)",
                "Республики Саха (Якутия)",
                "Республике Саха (Якутия)",
                "Республику Саха (Якутия)",
                "Республикой Саха (Якутия)",
            ],
        ),
        (
            "92",
            [
                "г. Севастополь",
                "г. Севастополя",
                "г. Севастополю",
                "г. Севастополем",
                "г. Севастополе",
            ],
        ),
        (
            "86",
            [
                "Ханты-Мансийский автономный округ – Югра",
                "Ханты-Мансийского автономного округа – Югры",
                "Ханты-Мансийскому автономному округу – Югре",
                "Ханты-Мансийский автономный округ – Югру",
                "Ханты-Мансийским автономным округом – Югрой",
                "Ханты-Мансийском автономном округе – Югре",
            ],
        ),
        (
            "79",
            [
                "Еврейская автономная область",
                "Еврейской автономной области",
                "Еврейскую автономную область",
                "Еврейской автономной областью",
            ],
        ),
        (
            "17",
            [
                "Республика Тыва",
                "Республики Тыва",
                "Республике Тыва",
                "Республику Тыва",
                "Республикой Тыва",
            ],
        ),
        (
            "22",
            [
                "Алтайский край",
                "Алтайского края",
                "Алтайскому краю",
                "Алтайским краем",
                "Алтайском крае",
            ],
        ),
        (
            "07",
            [
                "Кабардино-Балкарская Республика",
                "Кабардино-Балкарской Республики",
                "Кабардино-Балкарской Республике",
                "Кабардино-Балкарскую Республику",
                "Кабардино-Балкарской Республикой",
            ],
        ),
        (
            "77",
            ["Москва", "Москвы", "Москве", "Москву", "Москвой", "города Москвы", "городе Москве"],
        ),
        ("20", ["Чечня", "Чечни", "Чечне", "Чечню", "Чечнёй"]),
    ],
)
def test_it_stores_all_six_case_forms_of_a_name(code: str, six_cases: list[str]) -> None:
    assert set(six_cases) <= set(region_by_code(code).forms)


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("г. Москвы", "77"),
        ("города Москвы", "77"),
        ("г.Москвы", "77"),
        ("Москвы", "77"),
        ("г. Санкт-Петербурга", "78"),
        ("Петербург", "78"),
        ("г. Севастополя", "92"),
        ("городе Севастополе", "92"),
        ("Северная Осетия-Алания", "15"),
        ("Северная Осетия – Алания", "15"),
        ("Северная Осетия — Алания", "15"),
        ("Северная Осетия", "15"),
        ("Республики Северная Осетия-Алания", "15"),
        ("Республика Адыгея", "01"),
        ("Республика Саха", "14"),
        ("Якутия", "14"),
        ("Якутией", "14"),
        ("Республики Саха (Якутия)", "14"),
        ("Кемеровская область", "42"),
        ("Кузбасс", "42"),
        ("Кузбассе", "42"),
        ("Чувашия", "21"),
        ("Чувашии", "21"),
        ("Чувашская Республика", "21"),
        ("Удмуртской Республики", "18"),
        ("Удмуртия", "18"),
        ("Югра", "86"),
        ("ХМАО", "86"),
        ("ХМАО – Югра", "86"),
        ("ХМАО-Югры", "86"),
        ("ЯНАО", "89"),
        ("НАО", "83"),
        ("ЕАО", "79"),
        ("КБР", "07"),
        ("КЧР", "09"),
        ("ДНР", "93"),
        ("ЛНР", "94"),
        ("Татарстан", "16"),
        ("Республика Татарстан", "16"),
        ("Республики Татарстан", "16"),
        ("Башкирия", "02"),
        ("Кабардино-Балкария", "07"),
        ("Карачаево-Черкесия", "09"),
        ("Крым", "91"),
        ("Крыму", "91"),
        ("Ленобласть", "47"),
        ("Подмосковье", "50"),
        ("Республику Тыва", "17"),
    ],
)
def test_it_resolves_common_variants(phrase: str, code: str) -> None:
    region = resolve_region(phrase)
    assert region is not None and region.code == code


@pytest.mark.parametrize(
    "phrase",
    [
        "РЕСПУБЛИКИ   ТЫВА",
        "  республики тыва, ",
        "Республики\nТыва",
        "республики Тыва.",
    ],
)
def test_it_resolves_regardless_of_case_spaces_and_punctuation(phrase: str) -> None:
    assert resolve_region(phrase) == region_by_code("17")


def test_it_resolves_with_or_without_yo() -> None:
    assert resolve_region("Чечней") == resolve_region("Чечнёй") == region_by_code("20")


@pytest.mark.parametrize(
    "phrase",
    ["Тверь", "Российской Федерации", "Сибирской области", "Республики Нарния", "", "г."],
)
def test_it_resolves_nothing_for_a_phrase_that_names_no_region(phrase: str) -> None:
    assert resolve_region(phrase) is None


# --- running text ----------------------------------------------------------------------------


def test_it_finds_the_24_regions_of_section_iii_with_chuvashia_twice() -> None:
    paragraph = sample_paragraph("Белгородской области, Тверской области")
    matches = find_regions(paragraph)
    assert len(matches) == 24
    assert {match.region.code for match in matches} == SECTION_III_CODES
    assert [match.region.code for match in matches].count("21") == 2
    assert matches[17].as_written == "г. Севастополя"
    for match in matches:
        assert paragraph[match.start : match.end] == match.as_written


def test_it_finds_the_14_regions_of_section_viii() -> None:
    paragraph = sample_paragraph("Брянской области, Владимирской области")
    matches = find_regions(paragraph)
    assert [match.region.code for match in matches] == [
        "32", "33", "34", "93", "07", "44", "54", "57", "06", "15", "17", "19", "95", "76",
    ]  # fmt: skip
    assert set(codes(paragraph)) == SECTION_VIII_CODES
    assert matches[9].as_written == "Республики Северная Осетия-Алания"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Руководителям органов образования Белгородской, Курской и Тверской областей",
            [("31", "Белгородской"), ("46", "Курской"), ("69", "Тверской")],
        ),
        (
            "Алтайского и Краснодарского краёв",
            [("22", "Алтайского"), ("23", "Краснодарского")],
        ),
        (
            "органам Ненецкого и Ямало-Ненецкого автономных округов",
            [("83", "Ненецкого"), ("89", "Ямало-Ненецкого")],
        ),
        (
            "министерствам образования республик Татарстан и Башкортостан",
            [("16", "Татарстан"), ("02", "Башкортостан")],
        ),
        (
            "Республик Адыгея, Калмыкия и Крым",
            [("01", "Адыгея"), ("08", "Калмыкия"), ("91", "Крым")],
        ),
        (
            "Кабардино-Балкарской и Карачаево-Черкесской республик",
            [("07", "Кабардино-Балкарской"), ("09", "Карачаево-Черкесской")],
        ),
        (
            "Донецкой и Луганской народных республик, Запорожской и Херсонской областей",
            [("93", "Донецкой"), ("94", "Луганской"), ("90", "Запорожской"), ("95", "Херсонской")],
        ),
        (
            "Ярославской, Костромской, а также Ивановской областям направить",
            [("76", "Ярославской"), ("44", "Костромской"), ("37", "Ивановской")],
        ),
        (
            "Краснодарского и Ставропольского краев и Ростовской области",
            [("23", "Краснодарского"), ("26", "Ставропольского"), ("61", "Ростовской области")],
        ),
    ],
)
def test_it_splits_coordinated_names_sharing_a_plural_head(
    text: str, expected: list[tuple[str, str]]
) -> None:
    matches = find_regions(text)
    assert [(match.region.code, match.as_written) for match in matches] == expected
    for match in matches:
        assert text[match.start : match.end] == match.as_written


def test_it_finds_a_region_broken_across_lines_with_its_original_span() -> None:
    text = (
        "органам Кабардино-\nБалкарской Республики и Ханты-Мансийского\nавтономного округа – Югры"
    )
    matches = find_regions(text)
    assert [match.region.code for match in matches] == ["07", "86"]
    assert matches[0].as_written == "Кабардино-\nБалкарской Республики"
    assert matches[1].as_written == "Ханты-Мансийского\nавтономного округа – Югры"


def test_it_finds_capitalised_and_yo_spellings() -> None:
    text = "ИСПОЛНИТЕЛЬНЫМ ОРГАНАМ БЕЛГОРОДСКОЙ ОБЛАСТИ, ЧЕЧНЁЙ и г.Москвы"
    assert [(m.region.code, m.as_written) for m in find_regions(text)] == [
        ("31", "БЕЛГОРОДСКОЙ ОБЛАСТИ"),
        ("20", "ЧЕЧНЁЙ"),
        ("77", "г.Москвы"),
    ]


def test_the_longest_form_wins_over_its_parts() -> None:
    text = "Кемеровской области – Кузбасса, г. Санкт-Петербурга и Республики Саха (Якутия)"
    assert [m.as_written for m in find_regions(text)] == [
        "Кемеровской области – Кузбасса",
        "г. Санкт-Петербурга",
        "Республики Саха (Якутия)",
    ]


def test_it_finds_regions_in_a_bulleted_list() -> None:
    text = "Направить:\n- Тверской области;\n– Республике Коми – для сведения."
    assert [m.as_written for m in find_regions(text)] == ["Тверской области", "Республике Коми"]


def test_it_reports_a_city_in_a_running_sentence() -> None:
    text = "участие в финале Чемпионата «Профессионалы» в г. Санкт-Петербург в 2024 году"
    assert [(m.region.code, m.as_written) for m in find_regions(text)] == [
        ("78", "г. Санкт-Петербург")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "студенты Московского государственного университета",
        "Тульский оружейный завод и Крымский федеральный университет",
        "органам субъектов Российской Федерации, на территории которых созданы ЦОПП",
        "Ямало-Ненецкого",
        "комиссия по образованию и Комитет по делам молодёжи",
        "Курской и Тверской",
        "Приволжского и Уральского федеральных округов",
    ],
)
def test_it_finds_nothing_where_no_region_is_named(text: str) -> None:
    assert find_regions(text) == []


def test_it_does_not_split_a_hyphenated_name_into_another_region() -> None:
    assert codes("Ямало-Ненецкого автономного округа") == ["89"]


# --- region-like phrases that name no region --------------------------------------------------


def test_it_reports_region_like_phrases_that_name_no_region() -> None:
    text = (
        "Исполнительным органам Сибирской области, Республики Нарния, Новоархангельского края "
        "и Тверской области обеспечить участие."
    )
    assert find_unresolved_region_phrases(text) == [
        (23, 40, "Сибирской области"),
        (42, 59, "Республики Нарния"),
        (61, 84, "Новоархангельского края"),
    ]


def test_it_reports_an_unknown_name_inside_a_coordinated_list() -> None:
    text = "Белгородской, Курской и Северной областей"
    assert codes(text) == ["31", "46"]
    assert find_unresolved_region_phrases(text) == [(24, 41, "Северной областей")]


def test_it_reports_nothing_for_real_regions_and_foreign_states() -> None:
    text = (
        "Чувашской Республики Министерству образования, Республики Татарстан, "
        "Республики Беларусь, Китайской Народной Республики, "
        + sample_paragraph("Брянской области, Владимирской области")
    )
    assert find_unresolved_region_phrases(text) == []


def test_it_reports_nothing_for_adjectives_derived_from_republic() -> None:
    text = "участники республиканского Конкурса и Республиканской олимпиады"
    assert find_unresolved_region_phrases(text) == []


def test_it_reports_a_misspelt_region_once() -> None:
    text = "Новоархангельской Республики Нарния"
    assert find_unresolved_region_phrases(text) == [(0, 28, "Новоархангельской Республики")]


def test_it_reports_nothing_in_the_sample_protocol() -> None:
    assert find_unresolved_region_phrases(SAMPLE.read_text("utf-8")) == []
