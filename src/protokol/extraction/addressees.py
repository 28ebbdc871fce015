"""Who executes an instruction: the addressee phrase resolved to regions and organisations.

The phrase is everything between the opener and the directive verb: «Исполнительным органам
субъектов Российской Федерации, осуществляющим государственное управление в сфере образования,
Белгородской области, Тверской области … обеспечить» → the listed regions. Rules:

* a phrase naming the regional authorities of all subjects («исполнительным органам / органам
  исполнительной власти / высшим должностным лицам субъектов Российской Федерации»,
  «субъектам Российской Федерации», «регионам») means all regions — unless regions are listed
  or a condition narrows them («на территории которых созданы ЦОПП»), then it does not;
* «совместно с …» and «при участии …» name co-executors, not addressees;
* every other organisation in the dative («Минпросвещения России», «Правительству Российской
  Федерации», «органам местного самоуправления») is kept as written in ``others``.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Final

from protokol.extraction.model import Addressees, ExtractionWarning, RegionRef, Span
from protokol.extraction.morphology import morph
from protokol.extraction.regions import find_regions, find_unresolved_region_phrases

_CLAUSE_END: Final = r"(?=\s*,|\s*$)"
_CO_EXECUTOR: Final = re.compile(
    rf"\b(?:совместно\s+с(?:о)?|при\s+участии)\s+(?P<who>(?:«[^»]*»|[^,«])+?){_CLAUSE_END}",
    re.IGNORECASE,
)
_JOINTLY: Final = re.compile(r"\bсовместно\s+со?\s+", re.IGNORECASE)
# A word of a name, or a quoted name or a remark in brackets taken whole.
_NAME_WORD: Final = re.compile(r"«[^«»]*»|\([^()]*\)|[\w-]+")
# Clauses that narrow the regions to those meeting a condition chosen at review.
_CONDITION: Final = re.compile(
    r"\b(?P<condition>(?:на\s+территори\w+\s+котор\w+|в\s+котор\w+|где|участвующ\w+\s+в"
    rf"|являющ\w+\s+участник\w+|не\s+обеспечивш\w+|не\s+представивш\w+)\b(?:«[^»]*»|[^,«])*){_CLAUSE_END}",
    re.IGNORECASE,
)
# Regional authorities of every subject, in any case («органы исполнительной власти субъектов»
# after «просит»), or the subjects themselves.
_ALL_REGIONS: Final = re.compile(
    r"\bсубъект\w*\s+(?:Российской\s+Федерации|РФ)\b|^\s*регион\w*\b", re.IGNORECASE
)
# Top-level separators of a list of addressees; quoted names and brackets are kept whole.
_SEPARATOR: Final = re.compile(r",\s*|(?<!\s)\s+и\s+")
_SHIELD: Final = re.compile(r"«[^«»]*»|\([^()]*\)")
_REMARK: Final = re.compile(r"(?<!\s)\s*\([^()]*\)")
# Lowercase words that begin an addressee of their own («органам местного самоуправления»).
_ADDRESSEE_NOUN: Final = re.compile(
    r"^(?:[а-яё-]+\s+){0,3}?(?:орган|организаци|работодател|учреждени|администраци|глав"
    r"|руководител|лиц(?:ам|а|у)?\b|ректор|директор|муниципальн\w+\s+образовани|регион|субъект)",
)
_MUNICIPAL: Final = re.compile(
    r"(?:орган\w*\s+местного\s+самоуправления|администраци\w*\s+муниципальн|муниципальн)",
    re.IGNORECASE,
)
# Only words in Cyrillic go to the analyser (it cannot encode stray surrogates, and has
# nothing to say about «ФГБОУ» or digits).
_RUSSIAN_WORD: Final = re.compile(r"[а-яё]+(?:-[а-яё]+)*")
_PREPOSITIONS: Final = frozenset(
    ["в", "во", "по", "о", "об", "на", "с", "со", "для", "при", "за", "до", "от", "к", "из"]
)


def resolve_addressees(
    text: str, start: int, end: int, *, accusative: bool = False
) -> tuple[Addressees, list[ExtractionWarning]]:
    """Resolve the addressee phrase ``text[start:end]``; spans are offsets into ``text``.

    ``accusative`` is set after «просит» («просит органы … представить»), where addressees
    are in the accusative rather than the dative. Warnings: ``duplicate_region`` for a region
    named twice, ``unknown_region`` for a region-like phrase naming no subject.
    """
    phrase = text[start:end]
    stripped = phrase.strip(" ,;:—–-\n")
    if not stripped:
        return Addressees(), []
    co_executors = [
        who for m in _CO_EXECUTOR.finditer(phrase) for who in _split_list(m.group("who"))
    ]
    masked = _CO_EXECUTOR.sub(lambda m: " " * len(m.group()), phrase)
    condition_match = _CONDITION.search(masked)
    condition = _collapse(condition_match.group("condition")) if condition_match else None
    if condition_match:
        masked = _blank(masked, condition_match.start(), condition_match.end())

    regions, warnings = _regions(masked, start)
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
    mentions = [(m.start, m.end) for m in find_regions(masked)]
    mentions += [(s, e) for s, e, _ in unknown]
    regional, others = _classify_segments(masked, mentions, accusative=accusative)
    if not (regional or regions or condition or others or co_executors or warnings):
        # «в срок до 15.01.2025» between «просит» and the verb names nobody.
        return Addressees(), []
    addressees = Addressees(
        all_regions=regional and not regions and condition is None,
        regions=tuple(regions),
        condition=condition,
        others=tuple(others),
        co_executors=tuple(dict.fromkeys(co_executors)),
        text=_collapse(stripped),
    )
    return addressees, warnings


def find_co_executors(predicate: str) -> tuple[str, ...]:
    """Co-executors named after the verb: «обеспечить совместно с Минтрудом России мониторинг».

    After the verb the name runs into the object, so it ends at the first word that can be
    neither instrumental (the name) nor genitive (its dependents). «при участии …» there
    describes the event («кампании при участии финалистов»), not an executor.
    """
    found: list[str] = []
    for match in _JOINTLY.finditer(predicate):
        group_end = match.end()
        for word in _NAME_WORD.finditer(predicate, match.end()):
            if predicate[group_end : word.start()].strip(" ") not in ("", "и"):
                break
            if word.group() == "и":
                continue  # kept only when a name follows it
            if not _continues_name(word.group()):
                break
            group_end = word.end()
        found.extend(_split_list(predicate[match.end() : group_end]))
    return tuple(dict.fromkeys(found))


def _continues_name(word: str) -> bool:
    if word[0] in "«(" or word[0].isupper():
        return True
    return _has_case(word.lower(), "ablt") or _has_case(word.lower(), "gent")


def _regions(phrase: str, offset: int) -> tuple[list[RegionRef], list[ExtractionWarning]]:
    regions: dict[str, RegionRef] = {}
    warnings = []
    for match in find_regions(phrase):
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
    return list(regions.values()), warnings


def _classify_segments(
    phrase: str, mentions: list[tuple[int, int]], *, accusative: bool
) -> tuple[bool, list[str]]:
    """Whether the phrase names the regional authorities, and the other organisations in it."""
    regional = False
    others: list[str] = []
    mention_starts = sorted(start for start, _ in mentions)
    for seg_start, seg_end in _segments(phrase):
        segment = phrase[seg_start:seg_end]
        if _ALL_REGIONS.search(segment):
            regional = True
        elif _MUNICIPAL.match(segment):
            # «органам местного самоуправления … Белгородской области»: the region is an
            # addressee and so are its municipalities.
            others.append(_collapse(_REMARK.sub("", segment)))
        elif _starts_within(mention_starts, seg_start, seg_end):
            continue
        elif _is_organisation(segment, accusative=accusative):
            others.append(_collapse(_REMARK.sub("", segment)))
    return regional, list(dict.fromkeys(others))


def _starts_within(starts: list[int], start: int, end: int) -> bool:
    """Whether a sorted list holds a value in ``[start, end)``, in O(log n)."""
    index = bisect.bisect_left(starts, start)
    return index < len(starts) and starts[index] < end


def _segments(phrase: str) -> list[tuple[int, int]]:
    """Spans of the list members; a member starting in lowercase that names no addressee of
    its own («осуществляющим государственное управление …», «управления в сфере …») continues
    the previous one."""
    shielded = _SHIELD.sub(lambda m: "_" * len(m.group()), phrase)
    bounds: list[tuple[int, int]] = []
    last = 0
    for sep in [*_SEPARATOR.finditer(shielded), None]:
        seg_end = len(phrase) if sep is None else sep.start()
        seg_start = last
        last = seg_end if sep is None else sep.end()
        segment = phrase[seg_start:seg_end].strip()
        if not segment:
            continue
        seg_start = phrase.index(segment, seg_start)
        seg_end = seg_start + len(segment)
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


def _is_organisation(segment: str, *, accusative: bool) -> bool:
    """A capitalised dative name («Правительству …», «Минтруду России», «ФГБОУ ДПО …») or a
    lowercase addressee noun; prepositional phrases and nominative labels are not."""
    first = segment.split(maxsplit=1)[0].strip('«»"')
    if not first or first.lower() in _PREPOSITIONS:
        return False
    if first[0].islower():
        return _starts_addressee(segment)
    if (first.isupper() and len(first) > 1) or first.startswith("Мин"):
        return True
    return _has_case(first.lower(), "accs" if accusative else "datv")


@lru_cache(maxsize=4096)
def _has_case(word: str, case: str) -> bool:
    if not _RUSSIAN_WORD.fullmatch(word):
        return False
    return any(p.tag.case == case for p in morph().parse(word))


@lru_cache(maxsize=4096)
def _is_participle(word: str) -> bool:
    if not _RUSSIAN_WORD.fullmatch(word):
        return False
    return bool(morph().parse(word)[0].tag.POS == "PRTF")


def _split_list(who: str) -> list[str]:
    shielded = _SHIELD.sub(lambda m: "_" * len(m.group()), who)
    parts, last = [], 0
    for sep in _SEPARATOR.finditer(shielded):
        parts.append(who[last : sep.start()])
        last = sep.end()
    parts.append(who[last:])
    return [_collapse(_REMARK.sub("", part)) for part in parts if part.strip()]


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _collapse(text: str) -> str:
    return " ".join(text.split()).strip(" ,;:")
