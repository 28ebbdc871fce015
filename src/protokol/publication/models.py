from __future__ import annotations

from django.conf import settings
from django.db import models


class PublicationRun(models.Model):
    """One publication of a protocol, run by the worker; the page polls its state.

    queued → running → done | failed. The reviewer's acceptances travel with the run
    (``accepted``: item key → note) and are checked again when it starts, under the
    protocol's lock: an edit made meanwhile is never published unseen. ``planned`` is
    what the summary counted, shown while the run works; ``result`` what it did.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "в очереди"
        RUNNING = "running", "выполняется"
        DONE = "done", "готово"
        FAILED = "failed", "не выполнена"

    protocol = models.ForeignKey(
        "protocols.Protocol", on_delete=models.CASCADE, related_name="publication_runs"
    )
    state = models.CharField(
        "состояние", max_length=16, choices=State.choices, default=State.QUEUED
    )
    accepted = models.JSONField("принятые замечания", default=dict, blank=True)
    planned = models.JSONField("ожидается", default=dict, blank=True)
    result = models.JSONField("итог", default=dict, blank=True)
    error = models.TextField("ошибка", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "публикация"
        verbose_name_plural = "публикации"

    def __str__(self) -> str:
        return f"Публикация {self.pk} ({self.get_state_display()})"

    @property
    def is_finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}
