"""E-mail delivery against a real SMTP server on localhost (aiosmtpd)."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.utils import timezone

from protokol.notifications import delivery
from protokol.notifications.models import Notification, NotificationPreference
from protokol.publication.publishing import publish
from protokol.publication.sample import SAMPLE_ACCEPTANCE

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _attachments(message) -> dict[str, str]:
    return {part.get_filename(): part.get_content_type() for part in message.iter_attachments()}


def test_publication_mails_each_region_the_cover_letter_and_its_own_extract(
    smtp_server, operators, ready_draft, ministry_admin, django_capture_on_commit_callbacks
):
    operator_a, operator_b = operators
    with django_capture_on_commit_callbacks(execute=True):
        publication = publish(ready_draft, ministry_admin, SAMPLE_ACCEPTANCE)
    protocol = publication.version.protocol

    (to_a,) = smtp_server.to("belgorod@example.ru")
    # Django folds a long encoded subject onto a continuation line: unfold before comparing.
    assert str(to_a["Subject"]).strip() == (
        f"Поручения по протоколу № {protocol.number} от 23 октября 2024 г."
    )
    assert to_a["To"] == "belgorod@example.ru"
    assert "Протокол" in to_a["From"]
    text = to_a.get_body(("plain",)).get_content()
    assert "Белгородская область" in text
    assert "Департамент направляет для исполнения протокол" in text
    html = to_a.get_body(("html",)).get_content()
    assert "<h1>Поручения по протоколу" in html
    files = _attachments(to_a)
    assert files == {
        "Сопроводительное письмо 05-4017 от 02.11.2024.docx": DOCX,
        "Сопроводительное письмо 05-4017 от 02.11.2024.pdf": "application/pdf",
        "Выписка Д05-98-05пр Белгородская область.docx": DOCX,
        "Выписка Д05-98-05пр Белгородская область.pdf": "application/pdf",
    }
    pdf = next(p for p in to_a.iter_attachments() if p.get_filename().endswith(".pdf"))
    assert pdf.get_content().startswith(b"%PDF")

    # Москва gets its own extract, never Белгородская область's.
    (to_b,) = smtp_server.to("moscow@example.ru")
    assert "Выписка Д05-98-05пр Москва.docx" in _attachments(to_b)
    assert "Выписка Д05-98-05пр Белгородская область.docx" not in _attachments(to_b)
    assert "Москва" in to_b.get_body(("plain",)).get_content()
    assert "Белгородская область" not in to_b.get_body(("plain",)).get_content()

    rows = Notification.objects.filter(kind="published")
    assert {(n.recipient_id, n.state, n.region_id) for n in rows} == {
        (operator_a.pk, "sent", "31"),
        (operator_b.pk, "sent", "77"),
    }
    assert all(n.sent_at is not None and n.attempts == 1 for n in rows)


def _queue(user, subject="Проверка доставки") -> Notification:
    return Notification.objects.create(
        recipient=user, kind="returned", subject=subject, body="Отчёт возвращён на доработку."
    )


def test_an_smtp_refusal_is_recorded_with_the_next_attempt_and_others_still_go(
    smtp_server, operators
):
    operator_a, operator_b = operators
    smtp_server.refuse.add("belgorod@example.ru")
    refused, accepted = _queue(operator_a), _queue(operator_b)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        result = delivery.send_queued()
    assert result.sent == [accepted.pk] and result.failed == [refused.pk]
    refused.refresh_from_db()
    assert refused.state == "queued"
    assert refused.attempts == 1
    assert "550" in refused.error and "Mailbox unavailable" in refused.error
    assert refused.next_attempt_at == start + dt.timedelta(minutes=1)
    accepted.refresh_from_db()
    assert accepted.state == "sent"
    assert len(smtp_server.messages) == 1

    # Not retried before its time; retried after it, with growing back-off.
    with time_machine.travel(start + dt.timedelta(seconds=30), tick=False):
        assert delivery.send_queued().as_dict() == {"sent": 0, "failed": 0, "given_up": 0}
    with time_machine.travel(start + dt.timedelta(minutes=2), tick=False):
        delivery.send_queued()
    refused.refresh_from_db()
    assert refused.attempts == 2
    assert refused.next_attempt_at == start + dt.timedelta(minutes=2 + 5)

    # The server recovers: the next attempt delivers and clears the error.
    smtp_server.refuse.clear()
    with time_machine.travel(start + dt.timedelta(minutes=8), tick=False):
        assert delivery.send_queued().sent == [refused.pk]
    refused.refresh_from_db()
    assert (refused.state, refused.error, refused.next_attempt_at) == ("sent", "", None)
    assert [m["To"] for m in smtp_server.messages] == ["moscow@example.ru", "belgorod@example.ru"]


def test_a_dead_smtp_server_never_stops_the_sender_and_it_gives_up_after_the_last_attempt(
    settings, operators
):
    operator_a, _ = operators
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    notification = _queue(operator_a)
    moment = timezone.now()
    for attempt in range(1, delivery.MAX_ATTEMPTS + 1):
        with time_machine.travel(moment, tick=False):
            result = delivery.send_queued()
        notification.refresh_from_db()
        assert notification.attempts == attempt
        assert "ConnectionRefusedError" in notification.error or "Errno" in notification.error
        if attempt < delivery.MAX_ATTEMPTS:
            assert result.failed == [notification.pk]
            moment = notification.next_attempt_at
    assert result.given_up == [notification.pk]
    assert notification.state == "failed" and notification.next_attempt_at is None


def test_no_address_or_email_turned_off_keeps_the_notice_in_the_app_only(
    smtp_server, operators, curator, django_capture_on_commit_callbacks
):
    from protokol.notifications.queueing import dispatch

    operator_a, operator_b = operators
    NotificationPreference.objects.create(user=operator_b, email=False)
    with django_capture_on_commit_callbacks(execute=True):
        dispatch(
            [
                Notification(recipient=u, kind="accepted", subject="Отчёт принят", body="Принят.")
                for u in (operator_a, operator_b, curator)  # the curator has no address
            ]
        )
    states = dict(Notification.objects.values_list("recipient__username", "state"))
    assert states == {"belgorod": "sent", "moscow": "skipped", "curator": "skipped"}
    assert [m["To"] for m in smtp_server.messages] == ["belgorod@example.ru"]
