"""A deterministic cost counter for regular expressions: the steps of a backtracking matcher.

CPython's ``re`` is a backtracking matcher with no step counter, and time is no measure on a
shared machine. This module runs a pattern's parse tree (``re._parser``) the way ``re`` runs
its compiled form — each start position in turn, greedy and lazy repeats tried in order,
lookarounds, atomic groups — and counts every character test, anchor and retry. A pattern
that is linear in ``re`` is linear here and one that is quadratic is quadratic, so the
counts on ``n`` and ``2 n`` characters tell which it is. The matches found are the ones
``re`` finds (``finditer_spans``, checked against ``re.finditer`` by the tests).

Back-references and conditional groups are not modelled (none of the checked patterns uses
them); meeting one raises ``NotImplementedError`` rather than miscount.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

Continuation = Callable[[int], int | None]
_SINGLE = {sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN}


class _Run:
    """One ``finditer`` over one text, counting steps."""

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self.text = text
        self.steps = 0
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        self.tree = list(parsed)
        self.flags = parsed.state.flags

    # --- single characters --------------------------------------------------------------

    def _char(self, op: Any, av: Any, pos: int, flags: int) -> bool:
        self.steps += 1
        if pos >= len(self.text):
            return False
        char = self.text[pos]
        fold = bool(flags & re.IGNORECASE)
        if op is sre.LITERAL:
            return _same(char, chr(av), fold)
        if op is sre.NOT_LITERAL:
            return not _same(char, chr(av), fold)
        if op is sre.ANY:
            return bool(flags & re.DOTALL) or char != "\n"
        if op is sre.IN:
            return _in(char, av, fold)
        raise NotImplementedError(op)

    # --- sequences ----------------------------------------------------------------------

    def seq(
        self, items: list[Any], index: int, pos: int, flags: int, k: Continuation
    ) -> int | None:
        if index == len(items):
            return k(pos)
        op, av = items[index]

        def rest(after: int) -> int | None:
            return self.seq(items, index + 1, after, flags, k)

        if op in _SINGLE:
            return rest(pos + 1) if self._char(op, av, pos, flags) else None
        if op is sre.AT:
            self.steps += 1
            return rest(pos) if self._at(av, pos, flags) else None
        if op is sre.BRANCH:
            for alternative in av[1]:
                found = self.seq(list(alternative), 0, pos, flags, rest)
                if found is not None:
                    return found
            return None
        if op is sre.SUBPATTERN:
            _group, add, remove, body = av
            return self.seq(list(body), 0, pos, (flags | add) & ~remove, rest)
        if op is sre.ATOMIC_GROUP:
            end = self.seq(list(av), 0, pos, flags, lambda p: p)
            return None if end is None else rest(end)
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            direction, body = av
            if direction > 0:
                holds = self.seq(list(body), 0, pos, flags, lambda p: p) is not None
            else:
                width = body.getwidth()[0]
                holds = pos >= width and (
                    self.seq(list(body), 0, pos - width, flags, lambda p: p if p == pos else None)
                    is not None
                )
            return rest(pos) if holds == (op is sre.ASSERT) else None
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            return self._repeat(op, av, pos, flags, rest)
        raise NotImplementedError(op)

    def _repeat(self, op: Any, av: Any, pos: int, flags: int, k: Continuation) -> int | None:
        low, high, body = av
        items = list(body)
        if len(items) == 1 and items[0][0] in _SINGLE:
            # A repeated single character (sre's REPEAT_ONE): the run is measured once, then
            # the rest is tried after each possible count.
            item_op, item_av = items[0]
            limit = high if high != sre.MAXREPEAT else len(self.text)
            count = 0
            while count < limit and self._char(item_op, item_av, pos + count, flags):
                count += 1
            if count < low:
                return None
            if op is sre.POSSESSIVE_REPEAT:
                return k(pos + count)
            counts = range(count, low - 1, -1) if op is sre.MAX_REPEAT else range(low, count + 1)
            for tried in counts:
                self.steps += 1
                found = k(pos + tried)
                if found is not None:
                    return found
            return None
        if op is sre.POSSESSIVE_REPEAT:
            end = self._repeat(sre.MAX_REPEAT, av, pos, flags, lambda p: p)
            return None if end is None else k(end)
        greedy = op is sre.MAX_REPEAT

        def again(count: int, at: int) -> int | None:
            self.steps += 1
            more = count < high or high == sre.MAXREPEAT

            def step(after: int) -> int | None:
                # An empty iteration ends the repeat, as in sre.
                return None if after == at and count >= low else again(count + 1, after)

            if count < low:
                return self.seq(items, 0, at, flags, step)
            if greedy:
                found = self.seq(items, 0, at, flags, step) if more else None
                return found if found is not None else k(at)
            found = k(at)
            if found is None and more:
                found = self.seq(items, 0, at, flags, step)
            return found

        return again(0, pos)

    # --- anchors ------------------------------------------------------------------------

    def _at(self, where: Any, pos: int, flags: int) -> bool:
        text, size = self.text, len(self.text)
        multiline = bool(flags & re.MULTILINE)
        if where is sre.AT_BEGINNING:
            return pos == 0 or (multiline and text[pos - 1] == "\n")
        if where is sre.AT_BEGINNING_STRING:
            return pos == 0
        if where is sre.AT_END:
            if multiline:
                return pos == size or text[pos] == "\n"
            return pos == size or (pos == size - 1 and text[pos] == "\n")
        if where is sre.AT_END_STRING:
            return pos == size
        if where in (sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY):
            before = pos > 0 and _word(text[pos - 1])
            after = pos < size and _word(text[pos])
            return (before != after) == (where is sre.AT_BOUNDARY)
        raise NotImplementedError(where)


def _same(char: str, wanted: str, fold: bool) -> bool:
    return char == wanted or (fold and char.lower() == wanted.lower())


def _word(char: str) -> bool:
    return char.isalnum() or char == "_"


_CATEGORIES: dict[Any, Callable[[str], bool]] = {
    sre.CATEGORY_DIGIT: str.isdecimal,
    sre.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal(),
    sre.CATEGORY_SPACE: str.isspace,
    sre.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    sre.CATEGORY_WORD: _word,
    sre.CATEGORY_NOT_WORD: lambda c: not _word(c),
}


def _in(char: str, members: list[Any], fold: bool) -> bool:
    negate = bool(members) and members[0][0] is sre.NEGATE
    found = False
    for op, av in members[1:] if negate else members:
        if op is sre.LITERAL:
            found = _same(char, chr(av), fold)
        elif op is sre.RANGE:
            low, high = av
            found = low <= ord(char) <= high or (
                fold and any(low <= ord(c) <= high for c in (char.lower(), char.upper()))
            )
        elif op is sre.CATEGORY:
            found = _CATEGORIES[av](char)
        else:
            raise NotImplementedError(op)
        if found:
            break
    return found != negate


def _finditer(pattern: re.Pattern[str], text: str) -> tuple[int, list[tuple[int, int]]]:
    run = _Run(pattern, text)
    spans: list[tuple[int, int]] = []
    pos = 0
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 50_000))
    try:
        while pos <= len(text):
            end = run.seq(run.tree, 0, pos, run.flags, lambda p: p)
            if end is None:
                pos += 1
                continue
            spans.append((pos, end))
            pos = end if end > pos else pos + 1
    finally:
        sys.setrecursionlimit(limit)
    return run.steps, spans


def search_steps(pattern: re.Pattern[str], text: str) -> int:
    """The steps ``pattern.finditer(text)`` (or ``sub``, ``findall``) takes."""
    return _finditer(pattern, text)[0]


def finditer_spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The spans of the matches this model finds: those of ``re.finditer``."""
    return _finditer(pattern, text)[1]
