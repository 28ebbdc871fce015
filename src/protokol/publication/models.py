from __future__ import annotations

from django.db import models

from protokol.core.jobs import BackgroundRun


class PublicationRun(BackgroundRun):
    """One publication of a protocol, run by the worker; the page polls its state.

    queued → running → done | failed. The reviewer's acceptances travel with the run
    (``accepted``: item key → note) and are checked again when it starts, under the
    protocol's lock: an edit made meanwhile is never published unseen. ``planned`` is
    what the summary counted, shown while the run works; ``result`` what it did.
    """

    protocol = models.ForeignKey(
        "protocols.Protocol", on_delete=models.CASCADE, related_name="publication_runs"
    )
    accepted = models.JSONField("принятые замечания", default=dict, blank=True)
    planned = models.JSONField("ожидается", default=dict, blank=True)
    result = models.JSONField("итог", default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "публикация"
        verbose_name_plural = "публикации"

    def __str__(self) -> str:
        return f"Публикация {self.pk} ({self.get_state_display()})"
