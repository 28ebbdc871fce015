"""The request of a signed-in user, as the type checker should see it.

Django types ``request.user`` as ``User | AnonymousUser``. Behind ``login_required`` and the
access decorators built on it (``core.access``) it is always our ``User``: views behind them
annotate their request as ``AuthenticatedRequest`` instead of re-checking at run time.
"""

from __future__ import annotations

from django.http import HttpRequest

from protokol.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    user: User
