"""Personal API tokens: issue, revoke, authenticate.

The secret is 32 random bytes; the database keeps only its SHA-256 (a fast hash is
enough for a random secret of this length, unlike a password), so a stolen database
copy does not let anyone call the API.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from protokol.api.models import ApiToken
from protokol.core.audit import record

# Marks a Protokol token (secret scanners and people recognise it); not a secret itself.
TOKEN_PREFIX = "ptk_"  # nosec B105
# Writing last_used_at on every request would turn each read into a write.
LAST_USED_GRANULARITY = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue_token(user: Any, name: str) -> IssuedToken:
    """Create a token for ``user``; the returned secret is never stored or shown again."""
    name = name.strip()[:100] or "без названия"
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name, prefix=secret[: len(TOKEN_PREFIX) + 6], digest=digest(secret)
        )
        record(user, "api_token.issued", token, f"Выпущен токен API «{name}» ({token.prefix}…)")
    return IssuedToken(token=token, secret=secret)


def revoke_token(token: ApiToken, user: Any) -> bool:
    """Revoke a token (its owner, or an administrator); False when it was already revoked."""
    summary = f"Отозван токен API «{token.name}» ({token.prefix}…)"
    if user.pk != token.user_id:
        summary += f", владелец — {token.user}"
    with transaction.atomic():
        updated = ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        if updated:
            record(user, "api_token.revoked", token, summary)
    return bool(updated)


def authenticate(secret: str) -> Any | None:
    """The active user a secret belongs to, or None."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.active().select_related("user").filter(digest=digest(secret)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
