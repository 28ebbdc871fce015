"""Generate ``src/protokol/extraction/data/regions.json`` — the reference of the 89 subjects.

Run at development time only (``.venv/bin/python tools/build_regions.py``); the output is
committed and reviewed by eye, the library never runs pymorphy3 over region names at run time.

Phrase specs are written word by word: a plain word is declined, a word prefixed with ``=``
stays as written (``Республика =Тыва`` → «Республики Тыва»), and a hyphenated word declines its
last part only (``Кабардино-Балкарская`` → «Кабардино-Балкарской»). Capitalisation of the
written word is carried over to every form.
"""

from __future__ import annotations

import datetime
import json
import re
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

import pymorphy3

OUTPUT = Path(__file__).resolve().parents[1] / "src/protokol/extraction/data/regions.json"

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

DISTRICT_NAMES = {
    "ЦФО": "Центральный федеральный округ",
    "СЗФО": "Северо-Западный федеральный округ",
    "ЮФО": "Южный федеральный округ",
    "СКФО": "Северо-Кавказский федеральный округ",
    "ПФО": "Приволжский федеральный округ",
    "УФО": "Уральский федеральный округ",
    "СФО": "Сибирский федеральный округ",
    "ДФО": "Дальневосточный федеральный округ",
}

# «город» in the six cases, for «города Москвы», «городом Севастополем».
CITY_WORD = ("город", "города", "городу", "город", "городом", "городе")
CITY_STATUS = "федерального значения"

# Capitals on Moscow time. The tz database has no zone for the subjects admitted in 2022 (its
# Ukrainian zones say UTC+2), so they are pinned to Moscow time here as well.
MOSCOW = "Europe/Moscow"


@dataclass(frozen=True)
class Spec:
    code: str
    name: str
    short_name: str | None
    district: str | None
    capital_tz: str
    variants: tuple[str, ...] = ()
    city: bool = False


# fmt: off
SPECS: tuple[Spec, ...] = (
    Spec("01", "Республика =Адыгея =(Адыгея)", "Республика =Адыгея", "ЮФО", MOSCOW, ("Адыгея",)),
    Spec("02", "Республика =Башкортостан", None, "ПФО", "Asia/Yekaterinburg", ("Башкортостан", "Башкирия")),
    Spec("03", "Республика =Бурятия", None, "ДФО", "Asia/Irkutsk", ("Бурятия",)),
    Spec("04", "Республика =Алтай", None, "СФО", "Asia/Barnaul", ("Горный Алтай",)),
    Spec("05", "Республика =Дагестан", None, "СКФО", MOSCOW, ("Дагестан",)),
    Spec("06", "Республика =Ингушетия", None, "СКФО", MOSCOW, ("Ингушетия",)),
    Spec("07", "Кабардино-Балкарская Республика", "Кабардино-Балкарская Республика =(КБР)", "СКФО", MOSCOW, ("=КБР", "Кабардино-Балкария")),
    Spec("08", "Республика =Калмыкия", None, "ЮФО", MOSCOW, ("Калмыкия",)),
    Spec("09", "Карачаево-Черкесская Республика", "Карачаево-Черкесская Республика =(КЧР)", "СКФО", MOSCOW, ("=КЧР", "Карачаево-Черкесия")),
    Spec("10", "Республика =Карелия", None, "СЗФО", MOSCOW, ("Карелия",)),
    Spec("11", "Республика =Коми", None, "СЗФО", MOSCOW),
    Spec("12", "Республика =Марий =Эл", None, "ПФО", MOSCOW, ("=Марий =Эл",)),
    Spec("13", "Республика =Мордовия", None, "ПФО", MOSCOW, ("Мордовия",)),
    Spec("14", "Республика =Саха =(Якутия)", None, "ДФО", "Asia/Yakutsk", ("Якутия", "Республика =Якутия")),
    Spec("15", "Республика =Северная =Осетия – =Алания", None, "СКФО", MOSCOW, ("Северная Осетия – Алания", "Северная Осетия", "Республика =Северная =Осетия", "=РСО – Алания", "=РСО")),
    Spec("16", "Республика =Татарстан =(Татарстан)", "Республика =Татарстан", "ПФО", MOSCOW, ("Татарстан",)),
    Spec("17", "Республика =Тыва", None, "СФО", "Asia/Krasnoyarsk", ("Тыва", "Тува", "Республика =Тува")),
    Spec("18", "Удмуртская Республика", None, "ПФО", "Europe/Samara", ("Удмуртия",)),
    Spec("19", "Республика =Хакасия", None, "СФО", "Asia/Krasnoyarsk", ("Хакасия",)),
    Spec("20", "Чеченская Республика", None, "СКФО", MOSCOW, ("Чечня",)),
    Spec("21", "Чувашская Республика – Чувашия", "Чувашская Республика", "ПФО", MOSCOW, ("Чувашия", "Республика =Чувашия")),
    Spec("22", "Алтайский край", None, "СФО", "Asia/Barnaul"),
    Spec("23", "Краснодарский край", None, "ЮФО", MOSCOW, ("Кубань",)),
    Spec("24", "Красноярский край", None, "СФО", "Asia/Krasnoyarsk"),
    Spec("25", "Приморский край", None, "ДФО", "Asia/Vladivostok", ("Приморье",)),
    Spec("26", "Ставропольский край", None, "СКФО", MOSCOW, ("Ставрополье",)),
    Spec("27", "Хабаровский край", None, "ДФО", "Asia/Vladivostok"),
    Spec("28", "Амурская область", None, "ДФО", "Asia/Yakutsk"),
    Spec("29", "Архангельская область", None, "СЗФО", MOSCOW),
    Spec("30", "Астраханская область", None, "ЮФО", "Europe/Astrakhan"),
    Spec("31", "Белгородская область", None, "ЦФО", MOSCOW),
    Spec("32", "Брянская область", None, "ЦФО", MOSCOW),
    Spec("33", "Владимирская область", None, "ЦФО", MOSCOW),
    Spec("34", "Волгоградская область", None, "ЮФО", "Europe/Volgograd"),
    Spec("35", "Вологодская область", None, "СЗФО", MOSCOW),
    Spec("36", "Воронежская область", None, "ЦФО", MOSCOW),
    Spec("37", "Ивановская область", None, "ЦФО", MOSCOW),
    Spec("38", "Иркутская область", None, "СФО", "Asia/Irkutsk"),
    Spec("39", "Калининградская область", None, "СЗФО", "Europe/Kaliningrad"),
    Spec("40", "Калужская область", None, "ЦФО", MOSCOW),
    Spec("41", "Камчатский край", None, "ДФО", "Asia/Kamchatka", ("Камчатка",)),
    Spec("42", "Кемеровская область – Кузбасс", None, "СФО", "Asia/Novokuznetsk", ("Кемеровская область", "Кузбасс")),
    Spec("43", "Кировская область", None, "ПФО", "Europe/Kirov"),
    Spec("44", "Костромская область", None, "ЦФО", MOSCOW),
    Spec("45", "Курганская область", None, "УФО", "Asia/Yekaterinburg"),
    Spec("46", "Курская область", None, "ЦФО", MOSCOW),
    Spec("47", "Ленинградская область", None, "СЗФО", MOSCOW, ("Ленобласть",)),
    Spec("48", "Липецкая область", None, "ЦФО", MOSCOW),
    Spec("49", "Магаданская область", None, "ДФО", "Asia/Magadan"),
    Spec("50", "Московская область", None, "ЦФО", MOSCOW, ("Подмосковье",)),
    Spec("51", "Мурманская область", None, "СЗФО", MOSCOW),
    Spec("52", "Нижегородская область", None, "ПФО", MOSCOW),
    Spec("53", "Новгородская область", None, "СЗФО", MOSCOW),
    Spec("54", "Новосибирская область", None, "СФО", "Asia/Novosibirsk"),
    Spec("55", "Омская область", None, "СФО", "Asia/Omsk"),
    Spec("56", "Оренбургская область", None, "ПФО", "Asia/Yekaterinburg"),
    Spec("57", "Орловская область", None, "ЦФО", MOSCOW),
    Spec("58", "Пензенская область", None, "ПФО", MOSCOW),
    Spec("59", "Пермский край", None, "ПФО", "Asia/Yekaterinburg"),
    Spec("60", "Псковская область", None, "СЗФО", MOSCOW),
    Spec("61", "Ростовская область", None, "ЮФО", MOSCOW),
    Spec("62", "Рязанская область", None, "ЦФО", MOSCOW),
    Spec("63", "Самарская область", None, "ПФО", "Europe/Samara"),
    Spec("64", "Саратовская область", None, "ПФО", "Europe/Saratov"),
    Spec("65", "Сахалинская область", None, "ДФО", "Asia/Sakhalin"),
    Spec("66", "Свердловская область", None, "УФО", "Asia/Yekaterinburg"),
    Spec("67", "Смоленская область", None, "ЦФО", MOSCOW),
    Spec("68", "Тамбовская область", None, "ЦФО", MOSCOW),
    Spec("69", "Тверская область", None, "ЦФО", MOSCOW),
    Spec("70", "Томская область", None, "СФО", "Asia/Tomsk"),
    Spec("71", "Тульская область", None, "ЦФО", MOSCOW),
    Spec("72", "Тюменская область", None, "УФО", "Asia/Yekaterinburg"),
    Spec("73", "Ульяновская область", None, "ПФО", "Europe/Ulyanovsk"),
    Spec("74", "Челябинская область", None, "УФО", "Asia/Yekaterinburg"),
    Spec("75", "Забайкальский край", None, "ДФО", "Asia/Chita", ("Забайкалье",)),
    Spec("76", "Ярославская область", None, "ЦФО", MOSCOW),
    Spec("77", "Москва", "г. Москва", "ЦФО", MOSCOW, city=True),
    Spec("78", "Санкт-Петербург", "г. Санкт-Петербург", "СЗФО", MOSCOW, ("Петербург",), city=True),
    Spec("79", "Еврейская автономная область", "Еврейская автономная область =(ЕАО)", "ДФО", "Asia/Vladivostok", ("=ЕАО", "Еврейская =АО")),
    Spec("83", "Ненецкий автономный округ", "Ненецкий автономный округ =(НАО)", "СЗФО", MOSCOW, ("=НАО", "Ненецкий =АО")),
    Spec("86", "Ханты-Мансийский автономный округ – Югра", "Ханты-Мансийский автономный округ – Югра =(ХМАО =– =Югра)", "УФО", "Asia/Yekaterinburg", ("Ханты-Мансийский автономный округ", "=ХМАО – Югра", "=ХМАО", "Югра", "Ханты-Мансийский =АО – Югра", "Ханты-Мансийский =АО")),
    Spec("87", "Чукотский автономный округ", None, "ДФО", "Asia/Anadyr", ("Чукотка", "=ЧАО", "Чукотский =АО")),
    Spec("89", "Ямало-Ненецкий автономный округ", "Ямало-Ненецкий автономный округ =(ЯНАО)", "УФО", "Asia/Yekaterinburg", ("=ЯНАО", "Ямало-Ненецкий =АО")),
    Spec("90", "Запорожская область", None, None, MOSCOW),
    Spec("91", "Республика =Крым", None, "ЮФО", MOSCOW, ("Крым",)),
    Spec("92", "Севастополь", "г. Севастополь", "ЮФО", MOSCOW, city=True),
    Spec("93", "Донецкая Народная Республика", "=ДНР", None, MOSCOW, ("=ДНР",)),
    Spec("94", "Луганская Народная Республика", "=ЛНР", None, MOSCOW, ("=ЛНР",)),
    Spec("95", "Херсонская область", None, None, MOSCOW),
)
# fmt: on

_PARENTHESISED = re.compile(r"\s*=?\([^)]*\)")


def display(spec: str) -> str:
    return spec.replace("=", "")


def _pick_parse(morph: pymorphy3.MorphAnalyzer, word: str) -> pymorphy3.analyzer.Parse:
    parses = morph.parse(word)
    for parse in parses:
        if {"nomn", "sing"} <= parse.tag.grammemes and parse.tag.POS in {"NOUN", "ADJF"}:
            return parse
    raise ValueError(f"no nominative singular reading for {word!r}")


def _restore_case(form: str, written: str) -> str:
    if written.isupper() and len(written) > 1:
        return form.upper()
    if written[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def decline_word(morph: pymorphy3.MorphAnalyzer, word: str, case: str) -> str:
    # Only the last part of a hyphenated word declines: «Ханты-Мансийского», «Санкт-Петербурга».
    prefix, _, last = word.rpartition("-")
    parse = _pick_parse(morph, last.lower())
    grammemes = {case, "sing"}
    if case == "accs" and parse.tag.POS == "ADJF" and "masc" in parse.tag:
        # pymorphy3 picks the animate accusative («Алтайского край») unless told otherwise.
        grammemes.add("inan")
    inflected = parse.inflect(grammemes)
    if inflected is None:
        raise ValueError(f"pymorphy3 cannot put {word!r} into {case}")
    return (prefix + "-" if prefix else "") + _restore_case(inflected.word, last)


def decline(morph: pymorphy3.MorphAnalyzer, spec: str, case: str) -> str:
    words = []
    for token in spec.split(" "):
        if token.startswith("=") or not any(ch.isalpha() for ch in token):
            words.append(token.removeprefix("="))
        else:
            words.append(decline_word(morph, token, case))
    return " ".join(words)


def dash_variants(phrase: str) -> list[str]:
    if " – " not in phrase:
        return [phrase]
    return [phrase, phrase.replace(" – ", "-")]


# Abbreviated heads stand for the word in every case: «Курской обл.», «Респ. Татарстан».
_ABBREVIATIONS = (
    (re.compile(r"\bобласт(?:ь|и|ью)\b"), "обл."),
    (re.compile(r"\bРеспублик(?:а|и|е|у|ой)\b"), "Респ."),
)


def abbreviation_variants(phrase: str) -> list[str]:
    variants = [phrase]
    for pattern, abbreviation in _ABBREVIATIONS:
        abbreviated = pattern.sub(abbreviation, phrase)
        if abbreviated != phrase:
            variants.append(abbreviated)
    return variants


def spec_forms(morph: pymorphy3.MorphAnalyzer, spec: str) -> list[str]:
    specs = [spec]
    without_brackets = _PARENTHESISED.sub("", spec)
    if without_brackets != spec:
        specs.append(without_brackets)
    forms = []
    for one in specs:
        for case in CASES:
            for variant in dash_variants(decline(morph, one, case)):
                forms.extend(abbreviation_variants(variant))
    return forms


def city_forms(morph: pymorphy3.MorphAnalyzer, spec: str) -> list[str]:
    forms = []
    for index, case in enumerate(CASES):
        city = decline(morph, spec, case)
        forms += [
            city,
            f"г. {city}",
            f"{CITY_WORD[index]} {city}",
            f"{CITY_WORD[index]} {CITY_STATUS} {city}",
        ]
    return forms


def utc_offset(tz_name: str) -> int:
    # Russia has kept no daylight saving time since 2014, so any date gives the offset.
    offset = datetime.datetime(2026, 1, 15, tzinfo=zoneinfo.ZoneInfo(tz_name)).utcoffset()
    assert offset is not None
    hours, remainder = divmod(int(offset.total_seconds()), 3600)
    assert remainder == 0, tz_name
    return hours


class RegionEntry(TypedDict):
    """One region in regions.json, the shape the library and the Django migration read."""

    code: str
    name: str
    short_name: str
    district: str | None
    utc_offset: int
    forms: list[str]


def region_entry(morph: pymorphy3.MorphAnalyzer, spec: Spec) -> RegionEntry:
    base_specs = [spec.name, *spec.variants]
    if spec.short_name is not None and not spec.city:
        base_specs.append(spec.short_name)
    expand = city_forms if spec.city else spec_forms
    forms: list[str] = []
    for one in base_specs:
        forms.extend(expand(morph, one))
    return {
        "code": spec.code,
        "name": display(spec.name),
        "short_name": display(spec.short_name or spec.name),
        "district": spec.district,
        "utc_offset": utc_offset(spec.capital_tz),
        "forms": list(dict.fromkeys(forms)),
    }


def main() -> None:
    morph = pymorphy3.MorphAnalyzer()
    regions = [region_entry(morph, spec) for spec in SPECS]
    document = {"district_names": DISTRICT_NAMES, "regions": regions}
    OUTPUT.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(regions)} regions, {sum(len(r['forms']) for r in regions)} forms → {OUTPUT}")


if __name__ == "__main__":
    main()
