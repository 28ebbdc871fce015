"""What ``core`` may ask of a signed-in person, without importing the app that defines it.

``core`` sits below every app (AGENTS.md's dependency order), so its access decorators
and the visibility choke point cannot import ``accounts``. They ask these questions
duck-typed instead; ``accounts.User`` answers them (``accounts.policy.UserPolicy``, where
the role is read). An ``AnonymousUser`` answers only ``is_authenticated``/``is_active``:
callers check those first.
"""

from __future__ import annotations

from typing import Protocol

from django.contrib.auth.models import AnonymousUser


class Person(Protocol):
    is_active: bool
    region_id: str | None

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_ministry(self) -> bool: ...

    @property
    def sees_all_regions(self) -> bool: ...

    @property
    def administers_protocols(self) -> bool: ...


# What ``request.user`` may be.
Visitor = Person | AnonymousUser
