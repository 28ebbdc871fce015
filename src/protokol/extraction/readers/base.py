"""The contract every reader fulfils, and the helpers they share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

from protokol.extraction.config import ReadLimits
from protokol.extraction.errors import ExtractionError

SAVE_AS_HINT = "Сохраните документ в DOCX, PDF, ODT, RTF или TXT и загрузите снова."


@dataclass(frozen=True)
class ReadNote:
    """A reader's doubt for the reviewer («table_columns_guessed»), with a Russian message.

    ``excerpt`` is the text the doubt is about, as the reader wrote it; the pipeline finds it
    in the normalised text to give the warning its span.
    """

    code: str
    message: str
    excerpt: str


@dataclass(frozen=True)
class ReadText:
    """What a reader returns when it has doubts to report along with the text."""

    text: str
    notes: tuple[ReadNote, ...] = ()


@dataclass(frozen=True)
class ReadResult:
    """Plain text of a document: ``\\n`` line endings, blank lines between paragraphs."""

    text: str
    format: str
    notes: tuple[ReadNote, ...] = ()


class Reader(Protocol):
    """Turns the bytes of one file format into plain text."""

    format: str
    extensions: tuple[str, ...]

    def sniffs(self, data: bytes) -> bool:
        """Whether the content itself (magic bytes, archive members) is in this format."""
        ...

    def read(self, data: bytes, limits: ReadLimits) -> str | ReadText:
        """The text (with the reader's doubts, if any) within ``limits``; raises
        ``ExtractionError`` only."""
        ...


def unreadable(kind: str) -> ExtractionError:
    return ExtractionError(
        f"Файл {kind} повреждён или сохранён с ошибкой и не может быть прочитан. "
        f"Откройте его в редакторе, пересохраните и загрузите снова.",
        code="unreadable",
    )


def too_large(limit: int) -> ExtractionError:
    """The refusal of content over ``limit`` bytes (``ReadLimits.unpacked_bytes``)."""
    shown = f"{limit // (1024 * 1024)} МБ" if limit >= 1024 * 1024 else f"{limit // 1024} КБ"
    return ExtractionError(
        f"Содержимое файла больше {shown} — это слишком много для протокола. Проверьте, что "
        f"загружен нужный документ, или удалите из него лишние вложения.",
        code="too_large",
    )


def too_long(limit: int) -> ExtractionError:
    """The refusal of a text longer than ``limit`` characters (``ReadLimits.text_chars``)."""
    grouped = f"{limit:,}".replace(",", "\u00a0")  # «2 000 000», as Russian writes it
    return ExtractionError(
        f"Текст документа длиннее {grouped} символов — это слишком много для протокола. "
        f"Проверьте, что загружен нужный документ, или разделите его на части.",
        code="too_large",
    )


def check_size(size: int, limits: ReadLimits) -> None:
    if size > limits.unpacked_bytes:
        raise too_large(limits.unpacked_bytes)


def join_cells(cells: list[str]) -> str:
    """One table row as one line, so an instruction stays on the line with its deadline."""
    texts = [" ".join(cell.split()) for cell in cells]
    while texts and not texts[-1]:
        texts.pop()
    return " | ".join(texts) if any(texts) else ""


def join_paragraphs(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph.strip())


# Look-alike spaces become plain ones and invisible characters disappear, so that later
# regular expressions («№ 05-4017», «28 декабря») need not know about typography.
_LOOKALIKE_SPACES = "\t\xa0\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_SPACES = dict.fromkeys(map(ord, _LOOKALIKE_SPACES), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\xad\u200b\u200c\u200d\u2060\ufeff"), None)
_TRANSLATION: dict[int, str | None] = {
    **_SPACES,
    **_INVISIBLE,
    ord("\f"): "\n",
    ord("\v"): "\n",
    0x2028: "\n",
    0x2029: "\n\n",
}
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# The lookbehind lets a match start only where a run of spaces starts: without it a run of
# n spaces inside a line is tried from each of its n positions to its end (n² steps — a
# 78 KB text with one long run took 30 s).
_TRAILING_SPACE = re.compile(r"(?<! ) +$", re.MULTILINE)
# Runs of spaces inside a line are layout (justification, &nbsp; padding after list numbers);
# indentation at the start of a line is kept.
_INNER_SPACES = re.compile(r"(?<=\S) {2,}")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """The one normal form every reader's output is brought to."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_TRANSLATION)
    text = CONTROL_CHARACTERS.sub("", text)
    text = _INNER_SPACES.sub(" ", _TRAILING_SPACE.sub("", text))
    return _BLANK_LINES.sub("\n\n", text).strip("\n")
