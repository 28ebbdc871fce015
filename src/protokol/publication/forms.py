"""The reviewer's answers on the summary page: which blocking items they accept, and why.

Each acceptable item carries a checkbox ``accept`` (value: the item's key) and a note
``note-<key>``; a kind with several items also offers one checkbox ``accept_kind`` (value:
the kind) with a note ``kind-note-<kind>`` for all of them. Only a ticked box with a
non-blank note accepts.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict

from protokol.protocols.review import BLOCKER_KINDS, Acceptances, Blocker


@dataclass(frozen=True)
class BlockerRow:
    """One item of the blocking list as the page shows it, with what the reviewer sent."""

    blocker: Blocker
    ticked: bool = False
    note: str = ""
    # Why it still blocks after a confirmation; empty before one.
    reason: str = ""


@dataclass(frozen=True)
class KindRow:
    code: str
    label: str
    count: int
    ticked: bool = False
    note: str = ""


class AcceptanceAnswers:
    """The acceptances in a POST (or none, for the first showing of the page)."""

    def __init__(self, post: QueryDict | None = None) -> None:
        self.post = post or QueryDict()
        self.ticked = set(self.post.getlist("accept"))
        self.kinds_ticked = set(self.post.getlist("accept_kind"))

    def acceptances(self) -> Acceptances:
        return Acceptances(
            notes={key: self._note(f"note-{key}") for key in self.ticked},
            kinds={kind: self._note(f"kind-note-{kind}") for kind in self.kinds_ticked},
        )

    def rows(self, blockers: list[Blocker], refused: list[Blocker] | None) -> list[BlockerRow]:
        still = {blocker.key for blocker in refused or []}
        return [
            BlockerRow(
                blocker,
                ticked=blocker.key in self.ticked,
                note=self._note(f"note-{blocker.key}"),
                reason=self._reason(blocker) if blocker.key in still else "",
            )
            for blocker in blockers
        ]

    def kind_rows(self, kinds: dict[str, list[Blocker]]) -> list[KindRow]:
        return [
            KindRow(
                code,
                BLOCKER_KINDS[code],
                len(items),
                ticked=code in self.kinds_ticked,
                note=self._note(f"kind-note-{code}"),
            )
            for code, items in kinds.items()
        ]

    def _reason(self, blocker: Blocker) -> str:
        if not blocker.acceptable:
            return "Исправьте на странице проверки: это замечание не принимается."
        if blocker.key in self.ticked or blocker.code in self.kinds_ticked:
            return "Укажите пояснение: без него замечание не принимается."
        return "Исправьте или отметьте «Принять с пояснением»."

    def _note(self, name: str) -> str:
        return str(self.post.get(name, "")).strip()
