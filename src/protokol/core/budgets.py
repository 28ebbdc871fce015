"""The one reader of resource budgets (settings.PROTOKOL_BUDGETS).

Every limit on untrusted input — upload sizes, answer lengths, Excel rows, attachment
totals, quotas — is a key of that dict, so an installation tunes them in one place and the
README's table lists them all. Code asks ``budget("attachment_bytes")`` rather than reading
a setting of its own; an unknown key is a programming error and fails loudly.
"""

from __future__ import annotations

from django.conf import settings


def budget(name: str) -> int:
    """The configured limit called ``name`` (bytes, characters, rows…)."""
    budgets: dict[str, int] = settings.PROTOKOL_BUDGETS
    try:
        return budgets[name]
    except KeyError:
        raise KeyError(
            f"unknown budget {name!r}; declare it in settings.PROTOKOL_BUDGETS"
        ) from None


def megabytes(size: int) -> str:
    """A byte budget as Russian users read it in a refusal: «25 МБ»."""
    return f"{size / (1024 * 1024):.0f} МБ" if size >= 1024 * 1024 else f"{size} байт"
