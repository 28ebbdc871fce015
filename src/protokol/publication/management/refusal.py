"""How the commands print a refused publication."""

from __future__ import annotations

from protokol.protocols.review import PublicationRefused


def refusal_text(error: PublicationRefused) -> str:
    """The blocking items, one a line, with a hint where ``--accept`` would help."""
    lines = [
        f"{blocker.text}{' (можно принять: --accept «пояснение»)' if blocker.acceptable else ''}"
        for blocker in error.blockers
    ]
    return "\n  ".join(lines)
