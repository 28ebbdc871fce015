from __future__ import annotations

from django.db import models


class CalendarDay(models.Model):
    """A day whose status differs from the packaged calendar (``holidays``).

    For a decree published after the package release, or a regional day off the
    department decides to honour. ``is_working`` False = day off, True = working day.
    """

    date = models.DateField("дата", primary_key=True)
    is_working = models.BooleanField("рабочий день")
    note = models.CharField("основание", max_length=300, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = "день производственного календаря"
        verbose_name_plural = "изменения производственного календаря"

    def __str__(self) -> str:
        status = "рабочий" if self.is_working else "нерабочий"
        return f"{self.date:%d.%m.%Y} — {status}"
