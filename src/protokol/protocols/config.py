"""The extraction configuration as this installation's settings and calendar define it."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from protokol.core.budgets import budget
from protokol.core.clock import moscow_today
from protokol.extraction import ExtractionConfig
from protokol.extraction.config import ReadLimits
from protokol.workcalendar.calendar import production_calendar


def extraction_config(reference_date: dt.date | None = None) -> ExtractionConfig:
    return ExtractionConfig(
        reference_date=reference_date or moscow_today(),
        calendar=production_calendar(),
        urgent_days=settings.PROTOKOL_URGENT_DAYS,
        prompt_days=settings.PROTOKOL_PROMPT_DAYS,
        limits=ReadLimits(
            unpacked_bytes=budget("import_unpacked_bytes"),
            unpacked_ratio=budget("import_unpacked_ratio"),
            text_chars=budget("import_text_chars"),
        ),
    )
