from __future__ import annotations

from django.conf import settings
from django.db import models


class Notification(models.Model):
    """A message to one person: why it was sent, when it was queued and sent, the result.

    queued → sent | failed. Publishing queues them; the notification worker sends them.
    """

    class Kind(models.TextChoices):
        PUBLISHED = "published", "новые поручения"
        WITHDRAWN = "withdrawn", "поручение отозвано"
        CORRECTED = "corrected", "протокол исправлен"
        SUBMITTED = "submitted", "поступил отчёт"
        ACCEPTED = "accepted", "отчёт принят"
        RETURNED = "returned", "отчёт возвращён"
        EXTENSION_REQUESTED = "extension_requested", "запрошен перенос срока"
        EXTENSION_DECIDED = "extension_decided", "решение о переносе срока"
        REMINDER = "reminder", "напоминание о сроке"
        DUE_TODAY = "due_today", "срок истекает сегодня"
        OVERDUE = "overdue", "срок пропущен"
        DIGEST = "digest", "сводка"

    class State(models.TextChoices):
        QUEUED = "queued", "в очереди"
        SENT = "sent", "отправлено"
        FAILED = "failed", "ошибка"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("вид", max_length=32, choices=Kind.choices)
    subject = models.CharField("тема", max_length=300)
    body = models.TextField("текст")
    protocol = models.ForeignKey(
        "protocols.Protocol", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assignment = models.ForeignKey(
        "assignments.Assignment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    created_at = models.DateTimeField("поставлено в очередь", auto_now_add=True)
    sent_at = models.DateTimeField("отправлено", null=True, blank=True)
    read_at = models.DateTimeField("прочитано", null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "уведомление"
        verbose_name_plural = "уведомления"

    def __str__(self) -> str:
        return self.subject
