"""Sending the e-mail copies of queued notifications (Django's mail framework).

Each message has a plain-text body and an HTML alternative; a publication notice carries
the cover letter (PDF and DOCX) and the region's own protocol extract. Exactly one
sender works on a row at a time: it claims the row by moving ``attempts`` and
``next_attempt_at`` forward with a conditional UPDATE before talking to the SMTP server.
A failure is written on the row (``error``) with the time of the next attempt, with
growing back-off, and the sender goes on with the other rows: one bad address or a
server hiccup never stops the worker. A crash after the claim is retried at
``next_attempt_at`` (at-least-once towards SMTP: a message may be repeated only if the
process dies between the server's acceptance and our write, which cannot be avoided).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from protokol.assignments.deadlines import region_deadlines
from protokol.assignments.models import Assignment
from protokol.notifications.models import Notification
from protokol.protocols.models import GeneratedDocument
from protokol.protocols.paperwork import EXTRACT_FORMATS, extract_document

logger = logging.getLogger(__name__)

# Delay before attempt 2, 3, …: a minute, five, half an hour, two hours, twelve hours.
BACKOFF = (
    dt.timedelta(minutes=1),
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=12),
)
MAX_ATTEMPTS = len(BACKOFF) + 1

MIME_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass
class DeliveryResult:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)  # will be retried unless given up
    given_up: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"sent": len(self.sent), "failed": len(self.failed), "given_up": len(self.given_up)}


def backoff(attempt: int) -> dt.timedelta:
    """Delay after the ``attempt``-th failure (1-based)."""
    return BACKOFF[min(attempt, len(BACKOFF)) - 1]


def due(now: dt.datetime) -> Q:
    return Q(state=Notification.State.QUEUED) & (
        Q(next_attempt_at=None) | Q(next_attempt_at__lte=now)
    )


def next_attempt_time() -> dt.datetime | None:
    """When the earliest queued e-mail is to be tried (the periodic driver wakes then)."""
    row = (
        Notification.objects.filter(state=Notification.State.QUEUED)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    return row if row is not None else None


def send_queued(*, limit: int = 500, now: dt.datetime | None = None) -> DeliveryResult:
    """Send up to ``limit`` due e-mails; never raises because of one message."""
    now = now or timezone.now()
    result = DeliveryResult()
    candidates = list(
        Notification.objects.filter(due(now))
        .order_by("created_at", "pk")
        .values_list("pk", "attempts")[:limit]
    )
    connection = None
    for pk, attempts in candidates:
        attempt = attempts + 1
        claimed = Notification.objects.filter(due(now), pk=pk, attempts=attempts).update(
            attempts=attempt, next_attempt_at=now + backoff(attempt)
        )
        if not claimed:  # another sender took it meanwhile
            continue
        notification = Notification.objects.select_related(
            "recipient", "region", "version__protocol"
        ).get(pk=pk)
        try:
            if connection is None:  # one SMTP session for the batch, not one per message
                connection = get_connection()
                connection.open()
            build_message(notification, connection).send()
        except Exception as exc:
            logger.warning("Уведомление %s не отправлено (попытка %s): %s", pk, attempt, exc)
            given_up = attempt >= MAX_ATTEMPTS
            Notification.objects.filter(pk=pk).update(
                state=Notification.State.FAILED if given_up else Notification.State.QUEUED,
                next_attempt_at=None if given_up else now + backoff(attempt),
                error=f"{type(exc).__name__}: {exc}"[:2000],
            )
            (result.given_up if given_up else result.failed).append(pk)
            _close(connection)
            connection = None  # a broken SMTP session is not reused
            continue
        Notification.objects.filter(pk=pk).update(
            state=Notification.State.SENT, sent_at=timezone.now(), next_attempt_at=None, error=""
        )
        result.sent.append(pk)
    _close(connection)
    return result


def _close(connection: object) -> None:
    # A session that fails while closing has already delivered what it could; the rows
    # record every send, so there is nothing to recover here.
    with contextlib.suppress(Exception):
        if connection is not None:
            connection.close()  # type: ignore[attr-defined]


def build_message(notification: Notification, connection: object = None) -> EmailMultiAlternatives:
    """The e-mail of one notification: text, HTML alternative, attachments."""
    context = {
        "notification": notification,
        "recipient": notification.recipient,
        "site_url": settings.PROTOKOL_SITE_URL.rstrip("/"),
    }
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=render_to_string("notifications/email/message.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
        connection=connection,
        headers={"X-Protokol-Notification": str(notification.pk)},
    )
    message.attach_alternative(
        render_to_string("notifications/email/message.html", context), "text/html"
    )
    for filename, data in attachments(notification):
        suffix = filename[filename.rfind(".") :].lower()
        message.attach(filename, data, MIME_TYPES.get(suffix, "application/octet-stream"))
    return message


def attachments(notification: Notification) -> list[tuple[str, bytes]]:
    """Publication: the version's cover letters and the recipient region's extract only, each
    in DOCX and PDF."""
    version = notification.version
    if notification.kind != Notification.Kind.PUBLISHED or version is None:
        return []
    documents = list(
        version.documents.filter(
            kind__in=[
                GeneratedDocument.Kind.COVER_LETTER_PDF,
                GeneratedDocument.Kind.COVER_LETTER_DOCX,
            ],
            region=None,
        ).order_by("kind")
    )
    if notification.region is not None:
        region = notification.region
        deadlines = region_deadlines(
            Assignment.objects.for_extract(version.protocol_id, region.code)
        )
        documents += [
            extract_document(version, region, file_format, deadlines)
            for file_format in EXTRACT_FORMATS
        ]
    files = []
    for document in documents:
        with document.file.open("rb") as handle:
            files.append((document.filename, handle.read()))
    return files


@task()
def send_notifications_task() -> dict[str, int]:
    """Send the queued e-mails that are due (queued by publication and the life cycle)."""
    return send_queued().as_dict()
