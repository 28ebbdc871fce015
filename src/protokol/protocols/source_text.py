"""The source text for the review page, cut into pieces at instruction and warning spans."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from protokol.protocols.models import Protocol


@dataclass(frozen=True)
class Piece:
    text: str
    instruction_id: int | None = None
    instruction_code: str = ""
    # Warnings that start at this piece: the page jumps here from the warning list.
    warning_ids: tuple[int, ...] = ()
    warned: bool = False


def highlighted_source(protocol: Protocol) -> list[Piece]:
    text = protocol.text
    spans = [
        (start, end, pk, code)
        for start, end, pk, code in protocol.instructions.exclude(span_start=None).values_list(
            "span_start", "span_end", "pk", "code"
        )
        if start is not None and end is not None and end <= len(text)
    ]
    warnings = [
        (start, end, pk)
        for start, end, pk in protocol.warnings.exclude(span_start=None).values_list(
            "span_start", "span_end", "pk"
        )
        if start is not None and end is not None and end <= len(text)
    ]
    cuts = sorted({0, len(text), *(s for s, *_ in spans), *(e for _, e, *_ in spans),
                   *(s for s, _, _ in warnings), *(e for _, e, _ in warnings)})  # fmt: skip
    pieces = []
    for start, end in pairwise(cuts):
        owner = next((s for s in spans if s[0] <= start and end <= s[1]), None)
        pieces.append(
            Piece(
                text=text[start:end],
                instruction_id=owner[2] if owner else None,
                instruction_code=owner[3] if owner else "",
                warning_ids=tuple(w[2] for w in warnings if w[0] == start),
                warned=any(w[0] <= start and end <= w[1] for w in warnings),
            )
        )
    return pieces
