"""The pre-publication summary page: what goes out and to whom, what blocks it, and the
one confirmation that publishes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from protokol.assignments.models import Assignment
from protokol.core.clock import moscow_today
from protokol.core.models import Event
from protokol.protocols.models import Instruction, Protocol
from protokol.protocols.review import publication_blockers
from protokol.publication.models import PublicationRun
from protokol.publication.preview import publication_preview
from protokol.publication.publishing import publish
from tests.factories import make_draft

DAY = dt.timedelta(days=1)


def _url(protocol: Protocol) -> str:
    return reverse("publication:publish", args=[protocol.pk])


def _page(client, protocol: Protocol) -> str:
    response = client.get(_url(protocol))
    assert response.status_code == 200
    return response.content.decode()


def _accepting(protocol: Protocol, note: str = "Так решено на совещании") -> dict[str, list[str]]:
    keys = [b.key for b in publication_blockers(protocol) if b.acceptable]
    return {"accept": keys, **{f"note-{key}": [note] for key in keys}}


def _mixed_draft(curator=None) -> Protocol:
    """I.1 to all regions, I.2 to two, I.3 quarterly to three."""
    draft = make_draft(3, default_curator=curator)
    i_2, i_3 = draft.instructions.get(code="I.2"), draft.instructions.get(code="I.3")
    Instruction.objects.filter(pk__in=[i_2.pk, i_3.pk]).update(all_regions=False)
    i_2.regions.set(["31", "77"])
    i_3.regions.set(["31", "77", "17"])
    Instruction.objects.filter(pk=i_3.pk).update(
        deadline_date=None,
        deadline_text="ежеквартально, до 5 числа месяца, следующего за отчётным",
        recurrence={"kind": "quarterly", "description": "ежеквартально", "day_of_month": 5},
    )
    return draft


def test_the_summary_counts_what_publication_then_creates(db, ministry_admin):
    draft = _mixed_draft()
    preview = publication_preview(draft)
    assert len(preview.rows) == 3
    assert preview.regions == 89
    quarters = len(preview.rows[2].due_dates)
    assert quarters >= 4
    assert preview.new_assignments == 89 + 2 + 3 * quarters
    publication = publish(draft, ministry_admin)
    assert len(publication.issued.created) == preview.new_assignments
    assert Assignment.objects.values("region_id").distinct().count() == preview.regions


def test_the_summary_page_shows_the_counts_and_each_instruction(db, ministry_admin, curator, login):
    draft = _mixed_draft(curator=curator)
    quarters = len(publication_preview(draft).rows[2].due_dates)
    page = _page(login(ministry_admin), draft)
    figures = re.findall(r'<span class="figure">(\d+)</span>', page)
    assert figures == ["3", str(89 + 2 + 3 * quarters), "89"]
    row = page[page.index(f'id="plan-{draft.instructions.get(code="I.2").pk}"') :]
    row = row[: row.index("</tr>")]
    assert "2 субъекта" in row
    assert "<li>Белгородская область</li>" in row and "<li>Москва</li>" in row
    deadline = draft.instructions.get(code="I.2").deadline_date
    assert re.search(rf"{deadline.day} \w+ {deadline.year} г\.", row)
    assert curator.get_full_name() in row
    assert "все субъекты РФ — 89 субъектов" in page
    assert f"{quarters} сроков" in page or f"{quarters} срока" in page
    assert "Препятствий для публикации нет" in page
    assert "05-777" in page and "Мелихова С.Е." in page  # the letter's requisites


def test_the_deadline_reads_in_russian(db, ministry_admin, login):
    draft = make_draft(deadline=dt.date(2024, 12, 28))
    assert "28 декабря 2024 г." in _page(login(ministry_admin), draft)


def test_an_instruction_without_addressee_is_named_and_publication_is_disabled(
    db, ministry_admin, login
):
    draft = make_draft(2)
    nobody = draft.instructions.get(code="I.2")
    Instruction.objects.filter(pk=nobody.pk).update(all_regions=False)
    page = _page(login(ministry_admin), draft)
    blocking = page[page.index('id="blocking"') : page.index("<h2>Поручения</h2>")]
    assert "I.2: не указаны адресаты." in blocking
    review = reverse("protocols:review", args=[draft.pk])
    assert f'href="{review}#instruction-{nobody.pk}">Исправить</a>' in blocking
    assert 'name="accept"' not in blocking  # cannot be accepted, only fixed
    assert '<button class="primary" type="submit" disabled>' in page


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"deadline": "past"}, "deadline_past"),
        ({"deadline": "far"}, "deadline_far"),
        ({"letter_number": ""}, "letter_requisites"),
    ],
)
def test_each_acceptable_item_offers_a_checkbox_with_a_note(
    db, ministry_admin, login, change, code
):
    today = moscow_today()
    deadlines = {"past": today - DAY, "far": today + dt.timedelta(days=400)}
    fields = {k: v for k, v in change.items() if k != "deadline"}
    draft = make_draft(deadline=deadlines.get(change.get("deadline", "")), **fields)
    (blocker,) = publication_blockers(draft)
    assert blocker.code == code
    page = _page(login(ministry_admin), draft)
    assert f'<input type="checkbox" name="accept" value="{blocker.key}">' in page
    assert f'name="note-{blocker.key}"' in page
    assert "Принять с пояснением" in page


def test_publishing_without_accepting_shows_the_page_again_with_russian_errors(
    db, ministry_admin, login, django_capture_on_commit_callbacks
):
    draft = make_draft(deadline=moscow_today() - DAY)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(ministry_admin).post(_url(draft), {})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Публикация не выполнена: 1 замечание не устранено и не принято с пояснением" in page
    assert "Исправьте или отметьте «Принять с пояснением»." in page
    assert not PublicationRun.objects.exists()
    assert draft.instructions.get().state == Instruction.State.DRAFT


def test_a_ticked_box_without_a_note_is_refused_and_the_answer_kept(
    db, ministry_admin, login, django_capture_on_commit_callbacks
):
    draft = make_draft(2, deadline=moscow_today() - DAY)
    first, second = publication_blockers(draft)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(ministry_admin).post(
            _url(draft),
            {
                "accept": [first.key, second.key],
                f"note-{first.key}": "Так решено",
                f"note-{second.key}": "",
            },
        )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Укажите пояснение: без него замечание не принимается." in page
    assert f'value="{first.key}" checked' in page and ">Так решено</textarea>" in page
    assert not Assignment.objects.exists()
    assert not Event.objects.filter(verb="publication.accepted").exists()


def test_the_confirmation_publishes_with_the_acceptances_audited(
    db, ministry_admin, operator_a, login, django_capture_on_commit_callbacks
):
    draft = make_draft(deadline=moscow_today() - DAY)
    client = login(ministry_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(draft), _accepting(draft, "Срок перенесён решением совещания"))
    run = PublicationRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "publication:run", args=[run.pk]
    )
    run.refresh_from_db()
    assert run.state == PublicationRun.State.DONE, run.error
    assert run.result["created"] == 89
    assert Assignment.objects.filter(region_id="31").count() == 1
    event = Event.objects.get(verb="publication.accepted")
    assert event.after["note"] == "Срок перенесён решением совещания"
    assert event.actor == ministry_admin
    page = client.get(reverse("publication:run", args=[run.pk])).content.decode()
    assert "Опубликована версия 1: направлено поручений регионам — 89" in page
    assert "hx-get" not in page  # finished: the fragment stops polling


def test_one_note_for_a_kind_accepts_all_of_it_from_the_page(
    db, ministry_admin, login, django_capture_on_commit_callbacks
):
    draft = make_draft(3, deadline=moscow_today() - DAY)
    page = _page(login(ministry_admin), draft)
    assert 'name="accept_kind" value="deadline_past"' in page
    assert "(3) с одним пояснением" in page
    with django_capture_on_commit_callbacks(execute=True):
        login(ministry_admin).post(
            _url(draft),
            {"accept_kind": "deadline_past", "kind-note-deadline_past": "Поздно прислан"},
        )
    assert PublicationRun.objects.get().state == PublicationRun.State.DONE
    assert Event.objects.filter(verb="publication.accepted").count() == 3


def test_the_run_page_polls_while_the_publication_waits(db, ministry_admin, login):
    draft = make_draft()
    run = PublicationRun.objects.create(
        protocol=draft, created_by=ministry_admin, planned={"assignments": 5340, "regions": 89}
    )
    client = login(ministry_admin)
    url = reverse("publication:run", args=[run.pk])
    page = client.get(url).content.decode()
    assert f'hx-get="{url}" hx-trigger="every 1s"' in page
    assert "<progress" in page
    assert "5340 поручений направляется в 89 субъектов РФ" in page
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="publication-run"')


def test_a_second_confirmation_while_a_run_waits_queues_nothing_more(db, ministry_admin, login):
    draft = make_draft()
    client = login(ministry_admin)
    first = client.post(_url(draft), {})  # on_commit not run: the run stays queued
    second = client.post(_url(draft), {})
    assert first["Location"] == second["Location"]
    assert PublicationRun.objects.count() == 1


def test_an_edit_after_the_confirmation_stops_the_run_unseen_changes_are_not_sent(
    db, ministry_admin, login
):
    from protokol.publication.publishing import run_publication

    draft = make_draft()
    login(ministry_admin).post(_url(draft), {})
    Instruction.objects.filter(protocol=draft).update(all_regions=False)
    run = run_publication(PublicationRun.objects.get().pk)
    assert run.state == PublicationRun.State.FAILED
    assert run.error == "I.1: не указаны адресаты."
    assert not Assignment.objects.exists()
    assert Protocol.objects.get(pk=draft.pk).is_draft


def test_the_publish_form_disables_its_button_once_sent(db, ministry_admin, login, client):
    page = _page(login(ministry_admin), make_draft())
    assert "data-submit-once" in page and 'data-busy-label="Публикация…"' in page
    assert "protokol/submit-once.js" in page


def test_the_review_page_links_to_the_summary_instead_of_publishing(db, ministry_admin, login):
    draft = make_draft()
    page = login(ministry_admin).get(reverse("protocols:review", args=[draft.pk])).content.decode()
    assert f'<a class="button primary" href="{_url(draft)}">Опубликовать</a>' in page
    assert f'action="{_url(draft)}"' not in page


def test_the_review_page_lists_the_blockers_with_links_to_fix_them(db, ministry_admin, login):
    draft = make_draft(letter_executor="")
    page = login(ministry_admin).get(reverse("protocols:review", args=[draft.pk])).content.decode()
    assert (
        '<a href="#protocol-form">Не заполнены реквизиты сопроводительного письма: исполнитель.</a>'
        in page
    )


@pytest.mark.parametrize("persona", ["curator", "observer", "operator_a"])
def test_only_administrators_open_or_confirm_the_summary(db, request, login, persona):
    draft = make_draft()
    client = login(request.getfixturevalue(persona))
    assert client.get(_url(draft)).status_code == 403
    assert client.post(_url(draft), {}).status_code == 403
    run = PublicationRun.objects.create(protocol=draft)
    assert client.get(reverse("publication:run", args=[run.pk])).status_code == 403
    assert PublicationRun.objects.count() == 1


def test_the_summary_runs_a_bounded_number_of_queries_for_20_instructions_to_89_regions(
    db, ministry_admin, login, django_assert_max_num_queries
):
    from protokol.regions.models import Region

    every = list(Region.objects.values_list("code", flat=True))
    # Chosen one by one (not «all regions»): the regions of each instruction are read too.
    draft = make_draft(20, deadline=moscow_today() - DAY, all_regions=False, regions=every)
    client = login(ministry_admin)
    with django_assert_max_num_queries(11):
        response = client.get(_url(draft))
    assert response.content.decode().count("<li>Тверская область</li>") == 20


def test_for_a_correction_the_summary_counts_only_what_is_new(db, ministry_admin):
    from protokol.protocols.review import update_instruction

    draft = make_draft(2, all_regions=False, regions=["31"])
    publish(draft, ministry_admin)
    protocol = Protocol.objects.get(pk=draft.pk)
    update_instruction(protocol.instructions.get(code="I.2"), {}, ["31", "77"], ministry_admin)
    preview = publication_preview(protocol)
    assert (preview.new_assignments, preview.regions) == (1, 2)
    assert len(publish(protocol, ministry_admin).issued.created) == 1


def test_for_a_correction_the_blocking_list_judges_the_version_about_to_go_out(db, ministry_admin):
    from protokol.protocols.review import update_instruction

    draft = make_draft(2, all_regions=False, regions=["31"])
    publish(draft, ministry_admin)
    protocol = Protocol.objects.get(pk=draft.pk)
    update_instruction(protocol.instructions.get(code="I.2"), {}, [], ministry_admin)
    preview = publication_preview(protocol)
    assert [(b.code, b.instruction.code) for b in preview.blockers if b.instruction] == [
        ("no_addressee", "I.2")
    ]
    # The correction still waits: the regions keep what they were sent.
    assert list(protocol.instructions.get(code="I.2").regions.values_list("code", flat=True)) == [
        "31"
    ]
