"""Who executes an instruction: the addressee phrase resolved to regions and organisations.

The phrase is everything between the opener and the directive verb: «Исполнительным органам
субъектов Российской Федерации, осуществляющим государственное управление в сфере образования,
Белгородской области, Тверской области … обеспечить» → the listed regions. Rules:

* a phrase naming the regional authorities of all subjects («исполнительным органам / органам
  исполнительной власти / высшим должностным лицам субъектов Российской Федерации»,
  «субъектам Российской Федерации», «органам исполнительной власти регионов», «губернаторам»)
  means all regions — unless regions are listed, a federal district is named («субъектам
  Приволжского федерального округа» → its regions) or a condition narrows them («на
  территории которых созданы ЦОПП»), then it does not;
* «за исключением г. Москвы», «кроме Республики Крым» leave those regions out: all regions
  with ``excluded`` filled, never the excluded ones in ``regions``;
* «совместно с …», «при участии …» name co-executors; a region or the authorities of all
  subjects among them («совместно с правительством Республики Бурятия») are addressees;
* a region governed by a preposition («в Правительство Белгородской области», «на территории
  Курской области») is where a report goes or where something happens, not an addressee;
* every other organisation («Минпросвещения России», «Правительству Российской Федерации»,
  «органам местного самоуправления») is kept in ``others``, in the nominative, as are the
  co-executors («работодатели»).

Every choice a reviewer should confirm — an exclusion, a district, a condition, a region-like
word that names no subject, a region named twice — is a warning with its span.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache
from itertools import islice
from typing import Final

from protokol.extraction.model import Addressees, Document, ExtractionWarning, RegionRef, Span
from protokol.extraction.morphology import morph, to_nominative
from protokol.extraction.regions import (
    FEDERAL_DISTRICTS,
    DistrictMatch,
    RegionMatch,
    find_districts,
    find_regions,
    find_unresolved_region_phrases,
    region_by_code,
    regions_of_district,
)

# A member of a list: quoted names taken whole, up to a comma.
_MEMBER: Final = r"(?:«[^«»]*»|[^,«])+"
_CO_EXECUTOR: Final = re.compile(
    r"\b(?P<keyword>(?P<jointly>совместно\s+со?|во\s+взаимодействии\s+со?)"
    rf"|при\s+участии|с\s+участием)\s+(?P<who>{_MEMBER})",
    re.IGNORECASE,
)
_IMPOSED_ON: Final = re.compile(r"(?<![А-Яа-яЁё])возложить\s+на\s+", re.IGNORECASE)
_JOINTLY: Final = re.compile(r"\bсовместно\s+со?\s+", re.IGNORECASE)
# A word of a name, or a quoted name or a remark in brackets taken whole.
_NAME_WORD: Final = re.compile(r"«[^«»]*»|\([^()]*\)|[\w-]+")
# Clauses that narrow the regions to those meeting a condition chosen at review.
_CONDITION: Final = re.compile(
    r"\b(?P<condition>(?:на\s+территори\w+\s+котор\w+|в\s+котор\w+|где|участвующ\w+\s+в"
    # «субъектов …, входящих в состав Арктической зоны» (a federal district is resolved).
    r"|входящ\w+\s+в\s+(?:состав|число)(?!\s+\S+\s+федеральн)"
    r"|являющ\w+\s+участник\w+|не\s+обеспечивш\w+|не\s+представивш\w+|пилотн\w+|отобранн\w+"
    r"|участник\w*\s+(?:федеральн|пилотн|проект|программ|эксперимент|конкурс|отбор|апробаци)\w*"
    # «субъектам Российской Федерации по списку согласно приложению»: the list is elsewhere.
    r"|по\s+списку|по\s+перечню|(?:согласно|по|указанн\w+\s+в)\s+приложени\w*)"
    r"\b(?:«[^«»]*»|[^,«])*)",
    re.IGNORECASE,
)
_EXCLUSION: Final = re.compile(r"\b(?:за\s+исключением|кроме|исключая)\s+", re.IGNORECASE)
# «субъектам Российской Федерации, в том числе Белгородской области»: still all of them.
_EMPHASIS: Final = re.compile(r"\b(?:в\s+том\s+числе|включая|прежде\s+всего)\s+", re.IGNORECASE)
# What may stand between two regions of one list («г. Москвы и г. Санкт-Петербурга»).
_LIST_GAP: Final = re.compile(r"[\s,;]*(?:(?:и|а\s+также)\s+)?")
# Adverbials before the verb end the addressee («Минпросвещения России в срок до 1 марта»).
_ADVERBIAL: Final = re.compile(
    r"\b(?:в\s+срок|в\s+(?:месячный|недельный|двухнедельный|двухмесячный|трехмесячный"
    r"|трёхмесячный|десятидневный)\s+срок|не\s+позднее|в\s+течение|до\s+\d|в\s+пределах|в\s+рамках|в\s+целях|с\s+целью"
    r"|по\s+итогам|в\s+соответствии|в\s+установленн\w+|при\s+необходимости|незамедлительно"
    r"|ежемесячно|ежеквартально|еженедельно|ежегодно|в\s+\d{4}\s+год)\b[^,«]*",
    re.IGNORECASE,
)
# Regional authorities of every subject, in any case, or the subjects themselves.
_AUTHORITY: Final = (
    r"(?:орган\w*|власт\w*|лиц(?:о|а|у|ом|е|ам|ами|ах)?|глав\w*|руководител\w*"
    r"|правительств\w*|администраци\w*|губернатор\w*)"
)
_ALL_REGIONS: Final = re.compile(
    r"\bсубъект\w*\s+(?:Российской\s+Федерации|РФ)\b"
    rf"|\b{_AUTHORITY}\s+(?:всех\s+)?(?:субъект|регион)(?:ы|ов|ам|ами|ах)\b"
    r"|^\s*(?:всем\s+)?регион(?:ы|ов|ам|ами|ах)\b"
    r"|^\s*(?:всем\s+)?субъект(?:ы|ов|ам|ами|ах)\b(?=\s*(?:[,(]|$))"
    r"|^\s*губернатор(?:ы|ов|ам|ами|ах)\b"
    r"|^\s*региональн\w+\s+(?:орган|министерств|ведомств|правительств|власт|администраци)",
    re.IGNORECASE,
)
# A region after a preposition, maybe through a body or a place word, is where something is
# sent or happens: «в Правительство Белгородской области», «на территории Курской области».
_GOVERNED: Final = re.compile(
    r"(?:^|[\s(])(?:в|во|на|из|от|для|к|ко|у|до|через|по|о|об)\s+"
    # «по представлению правительства Москвы», «по согласованию с администрацией …»: the
    # region proposes or agrees, the addressee acts.
    r"(?:(?:представлени|предложени|ходатайств|обращени|инициатив|согласовани)\w*\s+(?:с\s+)?)?"
    r"(?:(?:территори\w*|город\w*|г\.|адрес|правительств\w*|администраци\w*|министерств\w*"
    r"|губернатор\w*)\s+)?$",
    re.IGNORECASE,
)
_GOVERNED_WINDOW: Final = 40
# Top-level separators of a list of addressees; quoted names and brackets are kept whole.
# The look-behind starts a whitespace run's «и» test once per run, not at every space of it.
_LIST_TOKEN: Final = re.compile(r"«[^«»]*»|\([^()]*\)|(?P<separator>,\s*|(?<!\s)\s+и\s+)")
# Anchored after a non-space so a long run of spaces is not re-scanned from each of them.
_REMARK: Final = re.compile(r"(?<!\s)\s*\([^()]*\)")
# Lowercase words that begin an addressee of their own («органам местного самоуправления»).
_ADDRESSEE_NOUN: Final = re.compile(
    r"^(?:[а-яё-]+\s+){0,3}?(?:орган|организаци|работодател|учреждени|администраци|глав"
    r"|руководител|лиц(?:ам|а|у|о)?\b|ректор|директор|муниципальн\w+\s+образовани|регион|субъект"
    r"|губернатор|министерств|правительств|ведомств|предприяти|объединени|ассоциаци|фонд|служб"
    r"|агентств|комисси|оператор)",
)
_MUNICIPAL: Final = re.compile(
    r"(?:орган\w*\s+местного\s+самоуправления|администраци\w*\s+муниципальн|муниципальн)",
    re.IGNORECASE,
)
# «Органам исполнительной власти» with its «пилотных регионов» taken as the condition names
# no organisation of its own.
_GENERIC_BODY: Final = re.compile(
    r"\s*(?:(?:исполнительн|государственн)\w*\s+)?орган\w*"
    r"(?:\s+(?:государственной\s+|исполнительной\s+)+власти)?\s*$",
    re.IGNORECASE,
)
# A label before a nominative list («Ответственные: …»), not an addressee itself.
_LABEL: Final = re.compile(
    r"^\s*(?:ответственн\w*|(?:со)?исполнител\w*)\s*(?P<mark>[:—–-])?\s*", re.IGNORECASE
)
# Who issued a document: the enacting words, the title, the signature at its end.
_AUTHOR_BODY: Final = (
    r"(?:правительств\w*|администраци\w*|губернатор\w*|глав[аы]|президент\w*|мэр\w*"
    r"|кабинет\w*\s+министров|совет\w*\s+министров)"
)
# The enacting verb is found first and the author looked for just before it: author words
# are common («правительства», «губернатора»), enacting verbs are not.
_ENACTING_VERB: Final = re.compile(
    r"\b(?:постановля|распоряжа|обязыва|приказыва)[а-яё]*", re.IGNORECASE
)
_ENACTING_AUTHOR: Final = re.compile(
    rf"\b{_AUTHOR_BODY}\s+(?P<who>[^,.;:\n]{{3,80}}?)\s*,?\s*$", re.IGNORECASE
)
_ENACTING_REACH: Final = 120
# A document enacts once or twice; later verbs («постановляет» quoted in an item) add nothing.
_ENACTING_VERBS_READ: Final = 3
_TITLE: Final = re.compile(
    rf"\b(?:распоряжение|постановление|указ|приказ)\s+{_AUTHOR_BODY}\s+(?P<who>[^\n]{{0,100}})",
    re.IGNORECASE,
)
_TITLE_REACH: Final = 400
_SIGNATURE: Final = re.compile(
    r"^[ \t]*(?:(?:первый|временно|исполняющий|обязанности|врио|и\.\s?о\.)\s+)*"
    r"(?:вице-)?(?:губернатор|глава|президент|председатель\s+правительства|мэр)(?![\w-])"
    r"(?P<who>[^\n]{0,100}(?:\n[^\n]{0,100})?)",
    re.IGNORECASE | re.MULTILINE,
)
_SIGNATURE_REACH: Final = 500
_FEDERAL_AUTHOR: Final = re.compile(
    r"\b(?:правительств\w*|президент\w*|министерств\w*|председател\w*\s+правительства)"
    r"(?:\s+\S+){0,4}?\s+(?:российской\s+федерации|рф|россии)\b",
    re.IGNORECASE,
)
# What only a region's own acts call theirs: «республиканская целевая программа», «областной
# бюджет», «краевая комиссия».
_REGIONAL_OWN: Final = re.compile(
    r"(?<![А-Яа-яЁё])(?:республиканск|областн|краев)[а-яё]{2,3}\s+(?:целев[а-яё]{2,3}\s+)?"
    r"(?:программ|бюджет|комисси|конкурс|смотр)",
    re.IGNORECASE,
)
_SUBJECT_LINE: Final = re.compile(r"^[ \t«\"]*Об?\s[^\n]{0,300}", re.MULTILINE)
# Only words in Cyrillic go to the analyser (it cannot encode stray surrogates, and has
# nothing to say about «ФГБОУ» or digits).
_RUSSIAN_WORD: Final = re.compile(r"[а-яё]+(?:-[а-яё]+)*")
_PREPOSITIONS: Final = frozenset(
    ["в", "во", "по", "о", "об", "на", "с", "со", "для", "при", "за", "до", "от", "к", "из"]
)


def resolve_addressees(
    text: str,
    start: int,
    end: int,
    *,
    accusative: bool = False,
    nominative: bool = False,
    authors: frozenset[str] = frozenset(),
) -> tuple[Addressees, list[ExtractionWarning]]:
    """Resolve the addressee phrase ``text[start:end]``; spans are offsets into ``text``.

    The phrase is in the dative («Органам … обеспечить»); ``accusative`` is set after «просит»
    («просит органы … представить»), ``nominative`` for a table's responsible column
    («органы исполнительной власти субъектов РФ, Минпросвещения России»); a line labelled
    «Ответственные: …» / «Исполнитель: …» is read in the nominative without being told.
    ``authors`` are the codes of the regions that issued the document: «Министерству финансов
    Архангельской области» in the Архангельская область's own order is one of its bodies
    (in ``others``), not the region as an addressee. Warnings: ``duplicate_region``,
    ``unknown_region``, ``regions_excluded``, ``federal_district``, ``regions_condition``.
    """
    phrase = text[start:end]
    label = _LABEL.match(phrase)
    if label and (nominative or label.group("mark")):
        # «Ответственные: …» lists its addressees in the nominative, whoever calls.
        nominative = True
        start += label.end()
        phrase = text[start:end]
    stripped = phrase.strip(" ,;:—–-\n")
    if not stripped:
        return Addressees(), []
    case = "nomn" if nominative else "accs" if accusative else "datv"
    mask = _Mask(phrase)
    adverbial = _ADVERBIAL.search(phrase)
    if adverbial:
        mask.blank(adverbial.start(), adverbial.end())
    masked = mask.text()
    mentions = [
        m
        for m in find_regions(masked)
        if m.region.code not in authors and not _governed(masked, m.start)
    ]
    districts = find_districts(masked)
    warnings: list[ExtractionWarning] = []

    excluded = _listed_after(_EXCLUSION, masked, mentions, mask)
    # Regions singled out among all subjects do not narrow them: blanked, not listed.
    _listed_after(_EMPHASIS, masked, mentions, mask, after_all_regions=True)
    excluded_codes = {m.region.code for m in excluded}
    if excluded:
        names = ", ".join(dict.fromkeys(m.region.short_name for m in excluded))
        warnings.append(
            ExtractionWarning(
                "regions_excluded",
                f"Поручение адресовано всем субъектам, кроме: {names}; проверьте, что эти "
                "регионы исключены верно.",
                (start + excluded[0].start, start + excluded[-1].end),
            )
        )
    co_executors = _co_executors(masked, mentions, districts, mask)
    masked = mask.text()
    condition_match = _CONDITION.search(masked)
    condition = _collapse(condition_match.group("condition")) if condition_match else None
    if condition_match:
        mask.blank(condition_match.start(), condition_match.end())
        masked = mask.text()
        warnings.append(
            ExtractionWarning(
                "regions_condition",
                f"Адресаты поручения определены условием «{condition}»; выберите регионы, "
                "которые ему отвечают.",
                (start + condition_match.start(), start + condition_match.end()),
            )
        )

    live = [m for m in mentions if m.region.code not in excluded_codes and _kept(masked, m)]
    regions = _regions(live, start, warnings)
    district_names = _districts(districts, regions, excluded_codes, start, warnings)
    unknown = find_unresolved_region_phrases(masked)
    warnings.extend(
        ExtractionWarning(
            "unknown_region",
            f"«{written}» не найден в справочнике субъектов Российской Федерации; "
            "проверьте адресата поручения.",
            (start + s, start + e),
        )
        for s, e, written in unknown
    )
    spans = [(m.start, m.end) for m in live]
    spans += [(d.start, d.end) for d in districts] + [(s, e) for s, e, _ in unknown]
    regional, others = _classify_segments(masked, spans, case=case)
    if not (regional or regions or condition or others or co_executors or warnings or excluded):
        # «в срок до 15.01.2025» between «просит» and the verb names nobody.
        return Addressees(), []
    addressees = Addressees(
        all_regions=(regional or bool(excluded)) and not regions and condition is None,
        regions=tuple(regions),
        excluded=tuple(_refs(excluded, start)),
        districts=district_names,
        condition=condition,
        others=tuple(others),
        co_executors=tuple(dict.fromkeys(co_executors)),
        text=_collapse(stripped),
    )
    return addressees, warnings


def without_author_regions(
    text: str, document: Document
) -> tuple[Document, list[ExtractionWarning]]:
    """The document with the region that issued it taken out of its instructions' regions.

    A regional government's order («Правительство Архангельской области постановляет: …
    Министерству финансов Архангельской области …») instructs the region's own bodies; they
    stay as ``others``. The author is read from the enacting words, the title and the
    signature (see ``author_regions``); a federal document has none and is returned as is.
    Each instruction changed gets an ``author_region`` warning: the reviewer confirms it.
    """
    authors = author_regions(text[document.span[0] : document.span[1]])
    if not authors:
        return document, []
    names = ", ".join(region_by_code(code).short_name for code in sorted(authors))
    sections, warnings = [], []
    for section in document.sections:
        instructions = []
        for instruction in section.instructions:
            addressees = _without(instruction.addressees, authors)
            if addressees is not instruction.addressees:
                instruction = replace(instruction, addressees=addressees)
                warnings.append(
                    ExtractionWarning(
                        "author_region",
                        f"Документ издан органами региона «{names}»: в поручении "
                        f"{instruction.id} его органы учтены как иные адресаты, а не как "
                        "регион-исполнитель; проверьте адресатов.",
                        instruction.span,
                    )
                )
            instructions.append(instruction)
        sections.append(replace(section, instructions=tuple(instructions)))
    return replace(document, sections=tuple(sections)), warnings


def author_regions(document_text: str) -> frozenset[str]:
    """Codes of the regions named as the issuer of a document: «Правительство Архангельской
    области постановляет», «Распоряжение Губернатора Ивановской области», a closing
    «Губернатор / Саратовской области» signature."""
    head = document_text[:_TITLE_REACH]
    tail_start = max(0, len(document_text) - _SIGNATURE_REACH)
    places = []
    for verb in islice(_ENACTING_VERB.finditer(document_text), _ENACTING_VERBS_READ):
        before = document_text[max(0, verb.start() - _ENACTING_REACH) : verb.start()]
        author = _ENACTING_AUTHOR.search(before)
        if author:
            places.append(author["who"])
    places += [m["who"] for m in _TITLE.finditer(head)]
    places += [m["who"] for m in _SIGNATURE.finditer(document_text, tail_start)]
    found = frozenset(match.region.code for place in places for match in find_regions(place))
    if found or _FEDERAL_AUTHOR.search(head) or _FEDERAL_AUTHOR.search(document_text, tail_start):
        return found
    # No author written (a regional order copied without its letterhead): a subject line
    # about one region («О мерах … в Карачаево-Черкесской Республике») names the issuer.
    subject = _SUBJECT_LINE.search(head)
    about = {m.region.code for m in find_regions(subject.group())} if subject else set()
    if not about and _REGIONAL_OWN.search(document_text):
        # Nor a subject line: a text about «республиканской целевой программы», «областного
        # бюджета» that names one region only is that region's own.
        about = {m.region.code for m in find_regions(document_text)}
    return frozenset(about) if len(about) == 1 else frozenset()


def _without(addressees: Addressees, authors: frozenset[str]) -> Addressees:
    if not any(region.code in authors for region in addressees.regions):
        return addressees
    # The phrase is read again with the author's mentions as names of its bodies.
    reread, _ = resolve_addressees(addressees.text, 0, len(addressees.text), authors=authors)
    return replace(
        addressees,
        regions=tuple(r for r in addressees.regions if r.code not in authors),
        others=tuple(dict.fromkeys((*addressees.others, *reread.others))),
    )


def find_co_executors(predicate: str) -> tuple[str, ...]:
    """Co-executors named after the verb, in the nominative: «обеспечить совместно с Минтрудом
    России мониторинг» → «Минтруд России».

    After the verb the name runs into the object, so it ends at the first word that can be
    neither instrumental (the name) nor genitive (its dependents). «при участии …» there
    describes the event («кампании при участии финалистов»), not an executor.
    """
    found = [
        to_nominative(part, "ablt")
        for start, end in _co_executor_groups(predicate)
        for _, _, part in _members(predicate, start, end)
    ]
    return tuple(dict.fromkeys(found))


def find_co_executor_regions(text: str, start: int, end: int) -> Addressees:
    """The regions, or all subjects, among the co-executors named after the verb of
    ``text[start:end]``: «обеспечить совместно с правительством Санкт-Петербурга …»,
    «разработать совместно с органами исполнительной власти субъектов Российской Федерации …»
    make them addressees, as they are when the co-executors precede the verb."""
    predicate = text[start:end]
    regions: list[RegionRef] = []
    every = False
    for group_start, group_end in _co_executor_groups(predicate):
        found, _ = resolve_addressees(text, start + group_start, start + group_end)
        regions += found.regions
        every = every or found.all_regions
    return Addressees(all_regions=every and not regions, regions=tuple(regions))


def imposed_on(text: str, start: int, end: int) -> Span | None:
    """Whom «возложить на» lays a duty on in ``text[start:end]``: «Возложить на Минкультуры
    России осуществление контроля …», «Организацию Акции возложить на министерство природных
    ресурсов области», «… на Российский организационный комитет «Победа»». The name (in the
    accusative) ends at the first word that is neither capitalised, nor a genitive dependent,
    nor the noun of an adjective before it."""
    found = _IMPOSED_ON.search(text, start, end)
    if found is None:
        return None
    name_end: int | None = None
    after_adjective = False
    for word in _NAME_WORD.finditer(text, found.end(), end):
        if name_end is not None:
            if text[name_end : word.start()].strip() not in ("", "и"):
                break
            if word.group() == "и":
                continue  # kept only when a name follows it
            if not (after_adjective or _continues_name(word.group())):
                break
        name_end = word.end()
        after_adjective = _is_adjective(word.group().lower())
    return (found.end(), name_end) if name_end is not None else None


def _co_executor_groups(predicate: str) -> Iterator[Span]:
    """The spans of the names after each «совместно с» of a predicate."""
    for match in _JOINTLY.finditer(predicate):
        group_end = match.end()
        for word in _NAME_WORD.finditer(predicate, match.end()):
            # A hard line wrap inside the name is a space.
            if predicate[group_end : word.start()].strip() not in ("", "и"):
                break
            if word.group() == "и":
                continue  # kept only when a name follows it
            if not _continues_name(word.group()):
                break
            group_end = word.end()
        yield match.end(), group_end


def _continues_name(word: str) -> bool:
    if word[0] in "«(" or word[0].isupper():
        return True
    return _has_case(word.lower(), "ablt") or _has_case(word.lower(), "gent")


def _governed(phrase: str, index: int) -> bool:
    window = phrase[max(0, index - _GOVERNED_WINDOW) : index]
    return _GOVERNED.search(window) is not None


def _listed_after(
    keywords: re.Pattern[str],
    phrase: str,
    mentions: list[RegionMatch],
    mask: _Mask,
    *,
    after_all_regions: bool = False,
) -> list[RegionMatch]:
    """The regions listed right after a keyword («за исключением», «кроме»), blanked in
    ``mask``; with ``after_all_regions`` only where all subjects were named before it.

    The list runs over regions joined by commas and «и»; the first other word ends it, so
    «за исключением случаев …» excludes nothing.
    """
    excluded: list[RegionMatch] = []
    index = 0
    for keyword in keywords.finditer(phrase):
        if after_all_regions and not _ALL_REGIONS.search(phrase, 0, keyword.start()):
            continue
        cursor, listed = keyword.end(), []
        while index < len(mentions) and mentions[index].start < cursor:
            index += 1
        while index < len(mentions):
            mention = mentions[index]
            gap = _LIST_GAP.match(phrase, cursor)
            if gap is None or gap.end() != mention.start:
                break
            listed.append(mention)
            cursor = mention.end
            index += 1
        if listed:
            excluded += listed
            mask.separate(keyword.start(), cursor)
    return excluded


def _co_executors(
    phrase: str, mentions: list[RegionMatch], districts: list[DistrictMatch], mask: _Mask
) -> list[str]:
    """Co-executors in the nominative, blanked out in ``mask``.

    A member naming a region, a district or the authorities of all subjects stays in the
    phrase: such co-executors are addressees («совместно с правительством Республики
    Бурятия»). The keyword becomes a separator so the member is a list item of its own.
    """
    region_starts = sorted([m.start for m in mentions] + [d.start for d in districts])
    found: list[str] = []
    for match in _CO_EXECUTOR.finditer(phrase):
        case = "ablt" if match.group("jointly") else "gent"
        mask.separate(match.start(), match.start("who"))
        members = list(_members(phrase, match.start("who"), match.end()))
        if case == "ablt":
            # «совместно с Минстроем России, Минфином России»: the list goes on past the
            # comma while its members are instrumental.
            for member in _members(phrase, match.end(), len(phrase)):
                if not _instrumental(member[2]):
                    break
                members.append(member)
        for part_start, part_end, part in members:
            regional = _ALL_REGIONS.search(part) or _any_within(region_starts, part_start, part_end)
            if not regional:
                found.append(to_nominative(part, case))
                mask.blank(part_start, part_end)
    return found


def _instrumental(member: str) -> bool:
    first = member.split(maxsplit=1)[0].lower()
    return _has_case(first, "ablt") and not _has_case(first, "datv")


def _kept(phrase: str, mention: RegionMatch) -> bool:
    """The mention survived the blanking of exclusions, conditions and co-executors."""
    return phrase[mention.start : mention.end].strip() != ""


def _regions(
    mentions: list[RegionMatch], offset: int, warnings: list[ExtractionWarning]
) -> list[RegionRef]:
    regions: dict[str, RegionRef] = {}
    for match in mentions:
        span: Span = (offset + match.start, offset + match.end)
        if match.region.code in regions:
            warnings.append(
                ExtractionWarning(
                    "duplicate_region",
                    f"Регион «{match.region.name}» указан в перечне адресатов повторно; "
                    "учтён один раз.",
                    span,
                )
            )
            continue
        regions[match.region.code] = RegionRef(
            match.region.code, match.region.name, match.as_written, span
        )
    return list(regions.values())


def _refs(mentions: list[RegionMatch], offset: int) -> list[RegionRef]:
    refs = {
        m.region.code: RegionRef(
            m.region.code, m.region.name, m.as_written, (offset + m.start, offset + m.end)
        )
        for m in reversed(mentions)
    }
    return sorted(refs.values(), key=lambda ref: ref.span)


def _districts(
    districts: list[DistrictMatch],
    regions: list[RegionRef],
    excluded: set[str],
    offset: int,
    warnings: list[ExtractionWarning],
) -> tuple[str, ...]:
    """Add each named district's regions to ``regions``; the districts' short forms."""
    names: list[str] = []
    listed = {ref.code for ref in regions}
    for district in districts:
        short = district.district
        if short in names:
            continue
        names.append(short)
        span: Span = (offset + district.start, offset + district.end)
        members = [r for r in regions_of_district(short) if r.code not in excluded]
        for region in members:
            if region.code not in listed:
                listed.add(region.code)
                regions.append(RegionRef(region.code, region.name, district.as_written, span))
        warnings.append(
            ExtractionWarning(
                "federal_district",
                f"Адресаты определены по федеральному округу: {FEDERAL_DISTRICTS[short]} "
                f"({short}), регионов: {len(members)}; проверьте перечень регионов.",
                span,
            )
        )
    return tuple(names)


def _classify_segments(
    phrase: str, mentions: list[tuple[int, int]], *, case: str
) -> tuple[bool, list[str]]:
    """Whether the phrase names the regional authorities, and the other organisations in it."""
    regional = False
    others: list[str] = []
    starts = sorted(start for start, _ in mentions)
    for seg_start, seg_end in _segments(phrase):
        segment = phrase[seg_start:seg_end]
        if _ALL_REGIONS.search(segment):
            regional = True
        elif _MUNICIPAL.match(segment):
            # «органам местного самоуправления … Белгородской области»: the region is an
            # addressee and so are its municipalities.
            others.append(to_nominative(_collapse(_REMARK.sub("", segment)), case))
        elif _any_within(starts, seg_start, seg_end):
            continue
        elif _is_organisation(segment, case=case) and not _GENERIC_BODY.match(segment):
            others.append(to_nominative(_collapse(_REMARK.sub("", segment)), case))
    return regional, list(dict.fromkeys(others))


def _any_within(starts: list[int], start: int, end: int) -> bool:
    """Whether a sorted list of offsets has one in ``start:end`` (a bisection, not a scan)."""
    index = bisect.bisect_left(starts, start)
    return index < len(starts) and starts[index] < end


def _segments(phrase: str) -> list[tuple[int, int]]:
    """Spans of the list members; a member starting in lowercase that names no addressee of
    its own («осуществляющим государственное управление …», «управления в сфере …») continues
    the previous one."""
    bounds: list[tuple[int, int]] = []
    for seg_start, seg_end, segment in _members(phrase, 0, len(phrase)):
        if bounds and segment[0].islower() and not _starts_addressee(segment):
            bounds[-1] = (bounds[-1][0], seg_end)
        else:
            bounds.append((seg_start, seg_end))
    return bounds


def _starts_addressee(segment: str) -> bool:
    first = segment.split(maxsplit=1)[0].lower()
    if first in _PREPOSITIONS or _is_participle(first):
        return False
    return _ADDRESSEE_NOUN.match(segment.lower()) is not None


def _is_organisation(segment: str, *, case: str) -> bool:
    """A capitalised name in the phrase's case («Правительству …», «Минтруду России», «ФГБОУ
    ДПО …») or a lowercase addressee noun; prepositional phrases and labels are not."""
    first = segment.split(maxsplit=1)[0].strip('«»"')
    if not first or first.lower() in _PREPOSITIONS:
        return False
    if first[0].islower():
        return _starts_addressee(segment)
    if (first.isupper() and len(first) > 1) or first.startswith("Мин"):
        return True
    return _has_case(first.lower(), case)


@lru_cache(maxsize=4096)
def _has_case(word: str, case: str) -> bool:
    if not _RUSSIAN_WORD.fullmatch(word):
        return False
    return any(p.tag.case == case for p in morph().parse(word))


@lru_cache(maxsize=4096)
def _is_adjective(word: str) -> bool:
    return bool(_RUSSIAN_WORD.fullmatch(word)) and morph().parse(word)[0].tag.POS == "ADJF"


@lru_cache(maxsize=4096)
def _is_participle(word: str) -> bool:
    if not _RUSSIAN_WORD.fullmatch(word):
        return False
    return bool(morph().parse(word)[0].tag.POS == "PRTF")


def _members(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """The members of the list in ``text[start:end]``: (start, end, member without remarks).

    Lazy, so a caller that stops at the first member it does not want reads no further.
    """
    last = start
    for token in _LIST_TOKEN.finditer(text, start, end):
        if token.lastgroup == "separator":
            member = _member(text, last, token.start())
            if member is not None:
                yield member
            last = token.end()
    member = _member(text, last, end)
    if member is not None:
        yield member


def _member(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The member in ``text[start:end]`` between two separators, unless it says nothing."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    member_start = start + len(piece) - len(piece.lstrip())
    # A remark needs a bracket; most members have none, so skip the substitution.
    cleaned = _collapse(_REMARK.sub("", stripped) if "(" in stripped else stripped)
    if not cleaned:
        return None
    return member_start, member_start + len(stripped), cleaned


class _Mask:
    """A phrase with parts blanked out by spaces, offsets kept; joined only when read."""

    def __init__(self, phrase: str) -> None:
        self._chars = list(phrase)

    def blank(self, start: int, end: int) -> None:
        self._chars[start:end] = " " * (end - start)

    def separate(self, start: int, end: int) -> None:
        """Blank ``start:end`` leaving a comma in its place, so the list member ends there."""
        if end > start:
            self._chars[start:end] = "," + " " * (end - start - 1)

    def text(self) -> str:
        return "".join(self._chars)


def _collapse(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:")
