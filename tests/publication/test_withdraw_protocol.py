"""Withdrawing a whole published protocol: every open assignment cancelled, each region told
once, audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from protokol.assignments.models import Assignment
from protokol.core.models import Event
from protokol.notifications.models import Notification
from protokol.protocols.models import Instruction, Protocol
from protokol.protocols.review import ReviewError
from protokol.publication.publishing import withdraw_protocol
from tests.factories import make_draft


def _url(protocol: Protocol) -> str:
    return reverse("publication:withdraw_protocol", args=[protocol.pk])


@pytest.fixture
def sent(db, ministry_admin, operator_a, operator_b) -> Protocol:
    from protokol.publication.publishing import publish

    draft = make_draft(3)
    publish(draft, ministry_admin)
    return draft


def test_withdrawing_a_protocol_cancels_everything_and_tells_each_region_once(
    sent, ministry_admin, operator_a, login
):
    Notification.objects.all().delete()
    response = login(ministry_admin).post(_url(sent), {"reason": "Протокол отменён"})
    assert response.status_code == 302
    assert set(Assignment.objects.values_list("state", flat=True)) == {"cancelled"}
    assert set(sent.instructions.values_list("state", flat=True)) == {"withdrawn"}
    notices = Notification.objects.filter(kind=Notification.Kind.WITHDRAWN)
    assert notices.count() == 2  # Белгородская область and Москва, one each
    belgorod = notices.get(recipient=operator_a)
    assert belgorod.subject == f"Протокол № {sent.number} отозван: 3 поручения сняты с контроля"
    assert "I.1, I.2, I.3" in belgorod.body and "Протокол отменён" in belgorod.body
    event = Event.objects.get(verb="protocol.withdrawn")
    assert event.after == {"instructions": ["I.1", "I.2", "I.3"], "reason": "Протокол отменён"}
    assert Event.objects.filter(verb="instruction.withdrawn").count() == 3


def test_withdrawing_twice_cancels_nothing_more(sent, ministry_admin):
    assert withdraw_protocol(sent, ministry_admin, "Отменён") == 3 * 89
    assert withdraw_protocol(sent, ministry_admin, "ещё раз") == 0


def test_a_draft_is_not_withdrawn_but_deleted(db, ministry_admin):
    with pytest.raises(ReviewError, match="Черновик не отзывается"):
        withdraw_protocol(make_draft(), ministry_admin, "—")


def test_the_withdraw_page_asks_for_a_reason(sent, ministry_admin, login):
    client = login(ministry_admin)
    page = client.get(_url(sent)).content.decode()
    assert "На контроле 3 поручения" in page
    response = client.post(_url(sent), {"reason": ""})
    assert response.status_code == 422
    assert set(sent.instructions.values_list("state", flat=True)) == {Instruction.State.PUBLISHED}


def test_one_instruction_withdrawn_keeps_its_own_notice(sent, ministry_admin, operator_a, login):
    Notification.objects.all().delete()
    i_2 = sent.instructions.get(code="I.2")
    login(ministry_admin).post(
        reverse("publication:withdraw", args=[i_2.pk]), {"reason": "Исполнено ранее"}
    )
    notice = Notification.objects.get(recipient=operator_a)
    assert notice.subject == f"Поручение I.2 протокола № {sent.number} отозвано"
    assert "Текст поручения: обеспечить исполнение мероприятия № 2" in notice.body


@pytest.mark.parametrize("persona", ["curator", "observer", "operator_a"])
def test_only_administrators_withdraw_a_protocol(sent, request, login, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get(_url(sent)).status_code == 403
    assert client.post(_url(sent), {"reason": "—"}).status_code == 403
    assert not Assignment.objects.filter(state="cancelled").exists()
