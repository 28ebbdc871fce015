"""Search over instructions and reports with Russian morphology, scoped by ``visible_to``.

PostgreSQL: full-text search with the 'russian' configuration, each query word widened
to all its forms by pymorphy3 (snowball stems alone split some pairs: «орган» / «органам»). SQLite has no Russian stemmer and its LIKE folds case
only for ASCII, so the fallback matches the stem common to all forms of each word
(pymorphy3 lexeme), in lower case and capitalised: slower, but it finds the same rows
in the embedded deployment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet

from protokol.assignments.models import Report
from protokol.extraction.morphology import morph
from protokol.protocols.models import Instruction, Protocol

LIMIT = 50
WORD = re.compile(r"\w{3,}")


@dataclass
class Results:
    query: str
    instructions: list[Instruction] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)


def _common_prefix(words: list[str]) -> str:
    first, last = min(words), max(words)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


def stem(word: str) -> str:
    """The prefix shared by every form of the word: «обеспечить» → «обеспеч»."""
    word = word.lower()
    forms = [f.word for f in morph().parse(word)[0].lexeme] or [word]
    prefix = _common_prefix([f.replace("ё", "е") for f in forms])
    return prefix if len(prefix) >= 3 else word[: max(3, len(word) - 2)]


def _fallback(queryset: QuerySet, fields: tuple[str, ...], query: str) -> QuerySet:
    words = WORD.findall(query)
    if not words:
        return queryset.none()
    conditions = []
    for word in words:
        s = stem(word)
        variants = {s, s.capitalize(), s.upper()}
        conditions.append(
            reduce(
                lambda a, b: a | b, (Q(**{f"{f}__contains": v}) for f in fields for v in variants)
            )
        )
    return queryset.filter(reduce(lambda a, b: a & b, conditions))


def forms(word: str) -> list[str]:
    """Every form of the word (pymorphy3 lexeme); snowball alone stems some pairs apart
    («орган» → «орга», «органам» → «орган»)."""
    parsed = morph().parse(word.lower())[0]
    return sorted({f.word for f in parsed.lexeme} | {word.lower()})


def _fulltext(queryset: QuerySet, fields: tuple[str, ...], query: str) -> QuerySet:
    words = WORD.findall(query)
    if not words:
        return queryset.none()
    search = reduce(
        lambda a, b: a & b,
        (
            reduce(lambda a, b: a | b, (SearchQuery(f, config="russian") for f in forms(w)))
            for w in words
        ),
    )
    vector = SearchVector(*fields, config="russian")
    return (
        queryset.annotate(search=vector, rank=SearchRank(vector, search))
        .filter(search=search)
        .order_by("-rank")
    )


def search(user, query: str) -> Results:
    query = query.strip()
    results = Results(query)
    if not WORD.search(query):
        return results
    match = _fulltext if connection.vendor == "postgresql" else _fallback
    instructions = Instruction.objects.visible_to(user).exclude(
        protocol__state=Protocol.State.DRAFT
    )
    results.instructions = list(
        match(instructions, ("text",), query).select_related("protocol")[:LIMIT]
    )
    reports = Report.objects.visible_to(user)
    results.reports = list(
        match(reports, ("text",), query).select_related(
            "assignment__region", "assignment__instruction__protocol"
        )[:LIMIT]
    )
    return results
