"""The blocking list (``review.publication_blockers``): each kind appears, names what it
concerns and blocks; an acceptable one goes out only with a note, kept in the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest

from protokol.assignments.models import Assignment
from protokol.core.clock import moscow_today
from protokol.core.models import Event
from protokol.protocols.models import Instruction, Protocol, ReviewWarning
from protokol.protocols.review import (
    Acceptances,
    PublicationRefused,
    publication_blockers,
)
from protokol.publication.publishing import publish
from tests.factories import make_draft

DAY = dt.timedelta(days=1)


def _codes(protocol: Protocol) -> list[str]:
    return [blocker.code for blocker in publication_blockers(protocol)]


def _only(protocol: Protocol, code: str):
    (blocker,) = [b for b in publication_blockers(protocol) if b.code == code]
    return blocker


def _published(protocol: Protocol) -> bool:
    return Protocol.objects.get(pk=protocol.pk).state == Protocol.State.PUBLISHED


def test_a_draft_with_everything_filled_in_has_no_blockers(db, ministry_admin):
    draft = make_draft(2)
    assert publication_blockers(draft) == []
    publish(draft, ministry_admin)
    assert _published(draft)


def test_a_mandatory_instruction_without_addressee_blocks_and_names_it(db, ministry_admin):
    draft = make_draft(2)
    nobody = draft.instructions.get(code="I.2")
    Instruction.objects.filter(pk=nobody.pk).update(all_regions=False)
    blocker = _only(draft, "no_addressee")
    assert blocker.text == "I.2: не указаны адресаты."
    assert blocker.instruction == nobody
    assert blocker.anchor == f"instruction-{nobody.pk}"
    assert not blocker.acceptable
    # No note lets it through: nobody would receive it.
    with pytest.raises(PublicationRefused) as refused:
        publish(
            draft, ministry_admin, Acceptances(every="и так сойдёт", kinds={"no_addressee": "да"})
        )
    assert refused.value.problems == ["I.2: не указаны адресаты."]
    assert not Assignment.objects.exists()


def test_a_deadline_before_today_in_moscow_blocks(db, ministry_admin):
    draft = make_draft(deadline=moscow_today() - DAY)
    blocker = _only(draft, "deadline_past")
    assert blocker.text.startswith("I.1: срок ") and blocker.text.endswith(" уже прошёл.")
    assert blocker.acceptable
    with pytest.raises(PublicationRefused):
        publish(draft, ministry_admin)


def test_a_deadline_of_today_does_not_block(db):
    assert _codes(make_draft(deadline=moscow_today())) == []


def test_a_deadline_more_than_a_year_ahead_blocks(db, ministry_admin):
    draft = make_draft(deadline=moscow_today() + dt.timedelta(days=366))
    assert _only(draft, "deadline_far").text.endswith("больше чем через год.")
    with pytest.raises(PublicationRefused):
        publish(draft, ministry_admin)


def test_a_deadline_exactly_a_year_ahead_does_not_block(db):
    assert _codes(make_draft(deadline=moscow_today() + dt.timedelta(days=365))) == []


def test_the_deadline_is_written_in_russian(db):
    draft = make_draft(deadline=dt.date(2024, 12, 28))
    assert _only(draft, "deadline_past").text == "I.1: срок 28 декабря 2024 г. уже прошёл."


def test_an_instruction_already_sent_is_not_judged_on_its_deadline_again(db, ministry_admin):
    """A correction months later must not re-open terms that have passed since."""
    draft = make_draft(deadline=moscow_today() - DAY)
    draft.instructions.update(state=Instruction.State.PUBLISHED)
    assert "deadline_past" not in _codes(draft)


def test_an_open_extraction_warning_blocks_and_a_decided_one_does_not(db, ministry_admin):
    draft = make_draft()
    warning = ReviewWarning.objects.create(
        protocol=draft, code="duplicate_region", message="Регион указан повторно."
    )
    blocker = _only(draft, "open_warning")
    assert blocker.text == "Предупреждение «Субъект назван дважды»: Регион указан повторно."
    assert blocker.warning == warning
    assert blocker.anchor == f"warning-item-{warning.pk}"
    with pytest.raises(PublicationRefused):
        publish(draft, ministry_admin)
    warning.status = ReviewWarning.Status.RESOLVED
    warning.save()
    assert _codes(draft) == []


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("letter_number", "номер"),
        ("letter_date", "дата"),
        ("letter_signatory", "подписант"),
        ("letter_executor", "исполнитель"),
    ],
)
def test_an_empty_letter_requisite_blocks_and_is_named(db, ministry_admin, field, label):
    draft = make_draft(**{field: None if field == "letter_date" else ""})
    blocker = _only(draft, "letter_requisites")
    assert blocker.text == f"Не заполнены реквизиты сопроводительного письма: {label}."
    assert blocker.anchor == "protocol-form"
    with pytest.raises(PublicationRefused):
        publish(draft, ministry_admin)


def test_a_protocol_without_a_letter_names_every_missing_requisite(db):
    draft = make_draft(letter_number="", letter_date=None, letter_signatory="", letter_executor="")
    assert _only(draft, "letter_requisites").text == (
        "Не заполнены реквизиты сопроводительного письма: номер, дата, подписант, исполнитель."
    )


def test_a_protocol_without_number_blocks_and_cannot_be_accepted(db, ministry_admin):
    draft = make_draft(number="")
    assert not _only(draft, "protocol_requisites").acceptable
    with pytest.raises(PublicationRefused):
        publish(draft, ministry_admin, Acceptances(every="пояснение"))


def test_an_acceptance_with_a_note_lets_the_item_through_and_is_audited(db, ministry_admin):
    draft = make_draft(deadline=moscow_today() - DAY)
    blocker = _only(draft, "deadline_past")
    note = "Совещание проведено позже срока; срок подтверждён председателем."
    publish(draft, ministry_admin, Acceptances(notes={blocker.key: note}))
    assert _published(draft)
    event = Event.objects.get(verb="publication.accepted")
    assert event.actor == ministry_admin
    assert event.object_type == "protocols.instruction"
    assert event.object_id == str(blocker.instruction.pk)
    assert event.after == {"code": "deadline_past", "key": blocker.key, "note": note}
    assert note in event.summary


def test_an_acceptance_without_a_note_does_not_let_the_item_through(db, ministry_admin):
    draft = make_draft(deadline=moscow_today() - DAY)
    blocker = _only(draft, "deadline_past")
    with pytest.raises(PublicationRefused) as refused:
        publish(draft, ministry_admin, Acceptances(notes={blocker.key: "   "}))
    assert refused.value.blockers == [blocker]
    assert not _published(draft)
    assert not Event.objects.filter(verb="publication.accepted").exists()


def test_accepting_a_warning_dismisses_it_with_the_note(db, ministry_admin):
    draft = make_draft()
    warning = ReviewWarning.objects.create(
        protocol=draft, code="speaker_initials_differ", message="—"
    )
    publish(
        draft, ministry_admin, Acceptances(notes={f"open_warning-{warning.pk}": "Инициалы верны"})
    )
    warning.refresh_from_db()
    assert (warning.status, warning.note) == (ReviewWarning.Status.DISMISSED, "Инициалы верны")
    assert warning.decided_by == ministry_admin


def test_one_note_for_a_kind_accepts_every_item_of_it(db, ministry_admin):
    draft = make_draft(3, deadline=moscow_today() - DAY)
    publish(draft, ministry_admin, Acceptances(kinds={"deadline_past": "Протокол прислан поздно"}))
    assert _published(draft)
    assert Event.objects.filter(verb="publication.accepted").count() == 3


def test_a_note_for_one_item_does_not_accept_another(db, ministry_admin):
    draft = make_draft(2, deadline=moscow_today() - DAY)
    first, second = [b for b in publication_blockers(draft) if b.code == "deadline_past"]
    with pytest.raises(PublicationRefused) as refused:
        publish(draft, ministry_admin, Acceptances(notes={first.key: "Так задумано"}))
    assert refused.value.blockers == [second]
