"""Pure extraction library: a protocol file in, structured instructions out.

No Django, no settings, no clock: configuration arrives as ``ExtractionConfig``.
"""

from protokol.extraction.config import ExtractionConfig
from protokol.extraction.errors import ExtractionError
from protokol.extraction.model import ParseResult
from protokol.extraction.pipeline import parse_bytes, parse_file, parse_text

__all__ = [
    "ExtractionConfig",
    "ExtractionError",
    "ParseResult",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
