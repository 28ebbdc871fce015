from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from protokol.core.revocation import Revocable
from protokol.notifications.querysets import CalendarFeedQuerySet, NotificationQuerySet


class Notification(models.Model):
    """A message to one person: why it was sent, when it was queued and sent, the result.

    Every notification is shown in the recipient's in-app list; its ``state`` is about the
    e-mail copy: queued → sent | failed (after ``MAX_ATTEMPTS``), or skipped (the person
    has no address or turned e-mail off). A failed attempt keeps the row queued with the
    ``error`` and the ``next_attempt_at`` of the retry (back-off, see ``delivery``).
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
        SKIPPED = "skipped", "только в системе"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("вид", max_length=32, choices=Kind.choices)
    subject = models.CharField("тема", max_length=300)
    body = models.TextField("текст")
    protocol = models.ForeignKey(
        "protocols.Protocol", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # The published version whose documents are attached to the e-mail (publication only).
    version = models.ForeignKey(
        "protocols.ProtocolVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
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
    state = models.CharField("отправка", max_length=16, choices=State.choices, default=State.QUEUED)
    created_at = models.DateTimeField("поставлено в очередь", auto_now_add=True)
    sent_at = models.DateTimeField("отправлено", null=True, blank=True)
    read_at = models.DateTimeField("прочитано", null=True, blank=True)
    # Delivery bookkeeping: the sender claims a row by moving ``next_attempt_at`` forward
    # with a conditional UPDATE, so two workers never send the same e-mail at once.
    attempts = models.PositiveSmallIntegerField("попыток отправки", default=0)
    next_attempt_at = models.DateTimeField("следующая попытка", null=True, blank=True)
    error = models.TextField("ошибка", blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "уведомление"
        verbose_name_plural = "уведомления"
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["state", "next_attempt_at"]),
        ]

    def __str__(self) -> str:
        return self.subject


class NotificationPreference(models.Model):
    """How a person wants to be told. Without a row: every notice, by e-mail too.

    ``digest``: no per-assignment reminders, due-day or overdue notices — the weekly
    digest lists them; events (publication, decisions, reports) still come one by one.
    """

    class Mode(models.TextChoices):
        ALL = "all", "все уведомления"
        DIGEST = "digest", "только еженедельная сводка"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    mode = models.CharField(
        "напоминания о сроках", max_length=16, choices=Mode.choices, default=Mode.ALL
    )
    email = models.BooleanField("дублировать по электронной почте", default=True)

    class Meta:
        verbose_name = "настройка уведомлений"
        verbose_name_plural = "настройки уведомлений"

    def __str__(self) -> str:
        return f"{self.user}: {self.get_mode_display()}"


def new_feed_token() -> str:
    # 256 bits: the token alone authorises reading the feed, so it must not be guessable.
    return secrets.token_urlsafe(32)


class CalendarFeed(Revocable):
    """A secret-token ICS address with due dates, for a region or for a curator.

    The token is the only credential (calendar programs cannot sign in), so it is long
    and random and can be revoked, for good (``core.revocation``); what the feed shows is recomputed on every request
    from the owner's *current* rights (``visible_to(user)``), so a moved or deactivated
    owner's old address stops showing anything it no longer may see.
    """

    class Scope(models.TextChoices):
        REGION = "region", "сроки субъекта РФ"
        CURATOR = "curator", "сроки по курируемым поручениям"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    scope = models.CharField("содержание", max_length=16, choices=Scope.choices)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField("создан", auto_now_add=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "календарь сроков (ICS)"
        verbose_name_plural = "календари сроков (ICS)"

    def __str__(self) -> str:
        return f"{self.get_scope_display()} — {self.user}"


class Schedule(models.Model):
    """Scheduling state of a periodic job that is not tied to one assignment (digests).

    The runner claims a due job by moving ``next_run_at`` forward with a conditional
    UPDATE, exactly like assignment reminders, so a digest goes out once a week even
    when several workers run.
    """

    name = models.CharField(max_length=64, primary_key=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "расписание рассылки"
        verbose_name_plural = "расписания рассылок"

    def __str__(self) -> str:
        return self.name
