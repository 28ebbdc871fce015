"""Refusals of the execution life cycle; re-exported by ``assignments.lifecycle``.

A module of its own so that ``answers`` and ``attachments`` can refuse in the same terms
without importing the life cycle (``reporting`` imports them).
"""

from __future__ import annotations


class TransitionRefused(Exception):
    """An action that cannot be taken now; ``message`` (Russian) says what is allowed instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ActionForbidden(TransitionRefused):
    """The user's role or region does not allow the action (a view answers 403)."""


class FileRefused(TransitionRefused):
    """An attached file breaks the attachment rules (``assignments.attachments``): bad
    input rather than a wrong moment, so the API answers 422, not 409."""


class ChangedMeanwhile(TransitionRefused):
    """The assignment changed since the user's page was loaded (optimistic locking)."""

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or "Поручение изменено другим пользователем: обновите страницу, проверьте "
            "изменения и повторите действие."
        )
