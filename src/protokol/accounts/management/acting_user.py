"""Shared by the protocol commands: the acting user (for the audit trail and for scope)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError

from protokol.accounts.models import User


def acting_user(username: str | None, *, administrator: bool = True) -> Any:
    """The named user, or the first active administrator; Russian errors otherwise.

    ``administrator=False`` accepts any active user (their scope then limits the result)."""
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Пользователь «{username}» не найден или отключён.")
    else:
        user = User.objects.administrators().order_by("pk").first()
        if user is None:
            raise CommandError(
                "Нет ни одного администратора министерства: создайте его командой "
                "«protokol createuser ИМЯ --role admin» или укажите --user."
            )
    if administrator and not user.administers_protocols:
        raise CommandError(
            f"Пользователь «{user.username}» — {user.get_role_display()}; "
            "действие выполняет администратор министерства."
        )
    return user
