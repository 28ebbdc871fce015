"""Fixtures of the notification tests: a real SMTP server, a small controlled protocol."""

from __future__ import annotations

import datetime as dt
import socket
import zoneinfo
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import TYPE_CHECKING

import pytest

from tests.factories import make_assignments, make_instruction, make_protocol

if TYPE_CHECKING:
    from protokol.assignments.models import Assignment

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")


class Mailbox:
    """aiosmtpd handler that keeps every accepted message; rejects addresses in ``refuse``."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in m["To"]]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on localhost; Django's SMTP backend pointed at it."""
    from aiosmtpd.controller import Controller

    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield mailbox
    controller.stop()


@pytest.fixture
def operators(operator_a, operator_b):
    """Operators of Белгородская область (31) and Москва (77), with addresses."""
    operator_a.email = "belgorod@example.ru"
    operator_a.save(update_fields=["email"])
    operator_b.email = "moscow@example.ru"
    operator_b.save(update_fields=["email"])
    return operator_a, operator_b


@pytest.fixture
def controlled(db, curator, operators):
    """``controlled(due, regions=("31", "77"), n=1)``: a published protocol with ``n``
    instructions curated by ``curator``, one assignment per region due on ``due``."""
    counter = {"n": 0}

    def make(due: dt.date, regions=("31", "77"), n: int = 1) -> list[Assignment]:
        counter["n"] += 1
        protocol = make_protocol(f"П-{counter['n']}", date=dt.date(2026, 11, 2), title="")
        made = []
        for i in range(1, n + 1):
            instruction = make_instruction(
                protocol,
                position=i,
                code=f"I.{i}",
                text=f"Обеспечить исполнение мероприятия № {i}.",
                curator=curator,
                due=due,
            )
            made += make_assignments(instruction, regions, due)
        return made

    return make


def moscow(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=MOSCOW)
