"""Reading the Content-Disposition header of a download as a browser does (RFC 6266)."""

from __future__ import annotations

import re
from urllib.parse import unquote

HEADER = re.compile(r"""^(attachment|inline); filename="([^"]*)"; filename\*=UTF-8''(\S+)$""")


def parsed(header: str) -> tuple[str, str, str]:
    """(disposition, the name a browser saves under — ``filename*`` —, the plain
    ``filename`` parameter), or an AssertionError if the header is not of that form."""
    match = HEADER.match(header)
    assert match, header
    return match[1], unquote(match[3], errors="strict"), match[2]
