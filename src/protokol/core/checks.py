"""Configuration problems as Django system checks with stable ids (``protokol check``)."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register


@register(deploy=True)
def production_settings(app_configs: Any, **kwargs: Any) -> list[Error | Warning]:
    problems: list[Error | Warning] = []
    if not settings.PRODUCTION:
        problems.append(
            Warning(
                "PROTOKOL_ENV не равен production: включены настройки для разработки.",
                hint="Задайте PROTOKOL_ENV=production на боевом сервере.",
                id="protokol.W001",
            )
        )
    if settings.PRODUCTION and settings.DEBUG:
        problems.append(Error("DEBUG включён в production.", id="protokol.E001"))
    if settings.PRODUCTION and "console" in settings.EMAIL_BACKEND:
        problems.append(
            Error(
                "Почта не настроена: письма регионам печатаются в консоль.",
                hint="Задайте EMAIL_HOST (и при необходимости EMAIL_HOST_USER/PASSWORD).",
                id="protokol.E002",
            )
        )
    return problems


@register()
def writable_media(app_configs: Any, **kwargs: Any) -> list[Error]:
    media = settings.MEDIA_ROOT
    if media.exists() and not os.access(media, os.W_OK):
        return [Error(f"Каталог файлов {media} недоступен для записи.", id="protokol.E003")]
    return []
