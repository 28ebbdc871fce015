"""JSON from untrusted clients, parsed within the ``json_depth`` budget.

Python's parser recurses once per nested array or object: a body of a few thousand
``[`` raises ``RecursionError`` — not a ``ValueError`` — deep inside it, which is a 500
unless every caller knows to catch it, and far-fetched input can get closer to the C stack
than that. So the nesting is measured first, without recursion, and too deep a document
is refused with a Russian message before the parser sees it.
"""

from __future__ import annotations

import json
from itertools import accumulate
from typing import Any

from protokol.core.budgets import budget

_BRACKETS = b"[]{}"
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in _BRACKETS)
# Opening → +1, closing → −1 (0xFF read as a signed byte).
_STEPS = bytes.maketrans(_BRACKETS, b"\x01\xff\x01\xff")
_CHUNK = 64 * 1024


class JsonTooDeep(ValueError):
    def __init__(self, limit: int) -> None:
        super().__init__(
            f"Слишком глубокая вложенность JSON: допускается не более {limit} уровней "
            "массивов и объектов."
        )


def nests_deeper_than(data: bytes, limit: int) -> bool:
    """Whether arrays and objects in ``data`` nest more than ``limit`` levels deep.

    Escaped backslashes go first, then escaped quotes, so every quote left delimits a
    string; the pieces between the pairs are outside strings, and only their brackets
    count. Bytes operations and ``accumulate`` over chunks: linear, no regular expression,
    no recursion, and a deep document is refused at its first chunk.
    """
    unescaped = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    outside = b"".join(unescaped.split(b'"')[::2])
    steps = memoryview(outside.translate(_STEPS, _NOT_BRACKETS)).cast("b")
    depth = 0
    for start in range(0, len(steps), _CHUNK):
        chunk = steps[start : start + _CHUNK]
        if max(accumulate(chunk, initial=depth)) > limit:
            return True
        depth += sum(chunk)
    return False


def loads(data: str | bytes) -> Any:
    """``json.loads`` that refuses nesting beyond the budget with ``JsonTooDeep``."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    limit = budget("json_depth")
    # Fewer brackets than the limit cannot nest deeper than it: most bodies stop here.
    if raw.count(b"[") + raw.count(b"{") > limit and nests_deeper_than(raw, limit):
        raise JsonTooDeep(limit)
    return json.loads(raw)
