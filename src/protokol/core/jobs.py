"""The shape every background run shares (an import, a publication): its state, who
started it, when it ran, and its Russian error.

queued → running → done | failed; the worker moves it on, the page polls it. Each kind of
run adds what it carries (files, acceptances, results) in a model of its own app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class BackgroundRun(models.Model):
    """Abstract: one run of a task the worker executes, as the person who started it sees it."""

    class State(models.TextChoices):
        QUEUED = "queued", "в очереди"
        RUNNING = "running", "выполняется"
        DONE = "done", "готово"
        FAILED = "failed", "ошибка"

    state = models.CharField(
        "состояние", max_length=16, choices=State.choices, default=State.QUEUED
    )
    error = models.TextField("ошибка", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @classmethod
    def claim(cls, pk: int) -> bool:
        """Move the queued run ``pk`` to running; False when it is not queued any more.
        A conditional UPDATE, so a second delivery of the same task does nothing."""
        claimed = cls._default_manager.filter(pk=pk, state=cls.State.QUEUED).update(
            state=cls.State.RUNNING, started_at=timezone.now()
        )
        return bool(claimed)

    @property
    def is_finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}
