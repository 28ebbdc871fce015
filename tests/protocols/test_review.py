"""The review page: the source beside the fields, every edit saved at once and audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from protokol.core.models import Event
from protokol.protocols.models import Instruction, ReviewWarning
from protokol.protocols.review import (
    ReviewError,
    add_instruction,
    apply_default_terms,
    merge_instructions,
    move_instruction,
    split_instruction,
)


def _form(instruction: Instruction, **changes) -> dict:
    values = {
        "code": instruction.code,
        "text": instruction.text,
        "kind": instruction.kind,
        "action": instruction.action,
        "report_required": "on" if instruction.report_required else "",
        "all_regions": "on" if instruction.all_regions else "",
        "condition": instruction.condition,
        "deadline_date": instruction.deadline_date.isoformat() if instruction.deadline_date else "",
        "deadline_text": instruction.deadline_text,
        "region_codes": [r.code for r in instruction.regions.all()],
        **changes,
    }
    return {f"i{instruction.pk}-{key}": value for key, value in values.items() if value != ""}


def test_the_page_shows_the_source_with_each_instruction_highlighted(
    sample_draft, ministry_admin, login
):
    body = (
        login(ministry_admin)
        .get(reverse("protocols:review", args=[sample_draft.pk]))
        .content.decode()
    )
    for instruction in sample_draft.instructions.all():
        assert f'id="span-{instruction.pk}"' in body
        assert f'id="instruction-{instruction.pk}"' in body
    assert "Предупреждения" in body
    warning = sample_draft.warnings.get(code="duplicate_region")
    assert f'href="#warning-{warning.pk}"' in body
    assert f'id="warning-{warning.pk}"' in body


def test_the_review_page_runs_a_constant_number_of_queries(
    sample_draft, ministry_admin, login, django_assert_num_queries
):
    client = login(ministry_admin)
    url = reverse("protocols:review", args=[sample_draft.pk])
    with django_assert_num_queries(15):
        client.get(url)
    for _ in range(3):
        add_instruction(sample_draft, None, ministry_admin)
    with django_assert_num_queries(15):
        client.get(url)


def test_an_edit_is_saved_on_the_server_and_survives_a_reload(sample_draft, ministry_admin, login):
    client = login(ministry_admin)
    vi_4 = sample_draft.instructions.get(code="VI.4")
    response = client.post(
        reverse("protocols:instruction_save", args=[vi_4.pk]),
        _form(vi_4, deadline_date="2025-01-31", report_required="on"),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "сохранено" in response.content.decode()
    vi_4.refresh_from_db()
    assert vi_4.deadline_date == dt.date(2025, 1, 31)
    assert vi_4.report_required
    page = client.get(reverse("protocols:review", args=[sample_draft.pk])).content.decode()
    assert 'value="2025-01-31"' in page
    event = Event.objects.filter(verb="instruction.edited").get()
    assert event.before == {"deadline_date": None, "report_required": False}
    assert event.after == {"deadline_date": "2025-01-31", "report_required": True}


def test_regions_are_chosen_for_a_condition(sample_draft, ministry_admin, login):
    iii_2 = sample_draft.instructions.get(code="III.2")
    login(ministry_admin).post(
        reverse("protocols:instruction_save", args=[iii_2.pk]),
        _form(iii_2, region_codes=["31", "77"]),
    )
    assert sorted(iii_2.regions.values_list("code", flat=True)) == ["31", "77"]


def test_an_invalid_edit_is_refused_with_a_russian_message(sample_draft, ministry_admin, login):
    i_1 = sample_draft.instructions.get(code="I.1")
    response = login(ministry_admin).post(
        reverse("protocols:instruction_save", args=[i_1.pk]),
        _form(i_1, deadline_date="2024-12-01", without_deadline="on"),
    )
    assert response.status_code == 422
    assert "Либо срок, либо «без срока»" in response.content.decode()
    i_1.refresh_from_db()
    assert i_1.deadline_date is None


def test_protocol_requisites_are_edited_in_place(sample_draft, ministry_admin, login):
    client = login(ministry_admin)
    response = client.post(
        reverse("protocols:protocol_save", args=[sample_draft.pk]),
        {"p-number": "Д05-98/05пр-испр", "p-date": "2024-10-23", "p-title": sample_draft.title},
    )
    assert response.status_code == 200
    sample_draft.refresh_from_db()
    assert sample_draft.number == "Д05-98/05пр-испр"


def test_split_merge_move_add_and_delete(sample_draft, ministry_admin):
    i_1 = sample_draft.instructions.get(code="I.1")
    at = i_1.text.index("обеспечить")
    second = split_instruction(i_1, at, ministry_admin)
    i_1.refresh_from_db()
    assert i_1.text.endswith("совместно с работодателями")
    assert second.text.startswith("обеспечить")
    assert second.position == i_1.position + 1
    assert second.all_regions
    merged = merge_instructions(i_1, second, ministry_admin)
    assert "совместно с работодателями обеспечить" in merged.text
    assert not Instruction.objects.filter(pk=second.pk).exists()

    iii_1, iii_2 = (sample_draft.instructions.get(code=c) for c in ("III.1", "III.2"))
    move_instruction(iii_2, -1, ministry_admin)
    iii_1.refresh_from_db()
    iii_2.refresh_from_db()
    assert iii_2.position < iii_1.position

    added = add_instruction(sample_draft, iii_1.section, ministry_admin, after=iii_1)
    assert added.code == "III.н"
    codes = list(sample_draft.instructions.values_list("code", flat=True))
    assert codes.index("III.н") == codes.index("III.1") + 1
    assert len(codes) == 20


def test_a_split_outside_the_text_is_refused(sample_draft, ministry_admin):
    with pytest.raises(ReviewError, match="внутри текста"):
        split_instruction(sample_draft.instructions.get(code="I.1"), 0, ministry_admin)


def test_structural_edits_from_the_page(sample_draft, ministry_admin, login):
    client = login(ministry_admin)
    vi_4 = sample_draft.instructions.get(code="VI.4")
    response = client.post(reverse("protocols:instruction_change", args=[vi_4.pk, "delete"]))
    assert response.status_code == 302
    assert not sample_draft.instructions.filter(code="VI.4").exists()
    assert Event.objects.filter(verb="instruction.deleted").exists()


def test_a_warning_is_resolved_or_dismissed_with_a_note(sample_draft, ministry_admin, login):
    client = login(ministry_admin)
    warning = sample_draft.warnings.get(code="duplicate_region")
    client.post(reverse("protocols:warning_decide", args=[warning.pk]), {"status": "dismissed"})
    warning.refresh_from_db()
    assert warning.status == ReviewWarning.Status.OPEN  # a dismissal needs a reason
    client.post(
        reverse("protocols:warning_decide", args=[warning.pk]),
        {"status": "dismissed", "note": "повтор в тексте протокола, регион один"},
    )
    warning.refresh_from_db()
    assert warning.status == ReviewWarning.Status.DISMISSED
    assert warning.decided_by == ministry_admin


def test_the_audit_trail_names_a_decided_warning_in_russian(sample_draft, ministry_admin):
    from protokol.core.models import Event
    from protokol.protocols.review import decide_warning

    warning = sample_draft.warnings.get(code="duplicate_region")
    decide_warning(warning, ReviewWarning.Status.RESOLVED, "", ministry_admin)

    event = Event.objects.filter(verb="warning.decided").latest("pk")
    assert "«Субъект назван дважды»" in event.summary
    assert "duplicate_region" not in event.summary


def test_default_terms_follow_the_one_month_rule(sample_draft, ministry_admin):
    count = apply_default_terms(sample_draft, ministry_admin)
    assert count == 8  # I.1, VI.4, VII.1, VII.2, IX.1–IX.4
    assert set(
        sample_draft.instructions.filter(deadline_text__contains="по умолчанию").values_list(
            "deadline_date", flat=True
        )
    ) == {dt.date(2024, 11, 23)}


def test_curators_see_the_review_but_cannot_edit(sample_draft, curator, login):
    client = login(curator)
    page = client.get(reverse("protocols:review", args=[sample_draft.pk]))
    assert page.status_code == 200
    assert "<fieldset disabled>" in page.content.decode()
    i_1 = sample_draft.instructions.get(code="I.1")
    assert (
        client.post(reverse("protocols:instruction_save", args=[i_1.pk]), _form(i_1)).status_code
        == 403
    )


def _rendered_form(client, protocol, instruction) -> dict:
    """The instruction's form fields exactly as the review page renders them in a tab."""
    import re

    page = client.get(reverse("protocols:review", args=[protocol.pk])).content.decode()
    start = page.index(f'id="instruction-{instruction.pk}"')
    card = page[start : page.index("</form>", start)]
    data: dict[str, list[str]] = {}
    for tag in re.findall(r"<(?:input|textarea|select)[^>]*>(?:[^<]*</textarea>)?", card):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        if 'type="checkbox"' in tag and "checked" not in tag:
            continue
        if tag.startswith("<textarea"):
            value = re.sub(r"^<textarea[^>]*>\n?|</textarea>$", "", tag)
        elif tag.startswith("<select"):
            choice = re.search(r'<option value="([^"]*)"[^>]*selected', card[card.index(tag) :])
            value = choice.group(1) if choice else ""
        else:
            found = re.search(r'value="([^"]*)"', tag)
            value = found.group(1) if found else ("on" if 'type="checkbox"' in tag else "")
        data.setdefault(name.group(1), []).append(value)
    return data


def test_a_stale_second_tab_does_not_undo_edits_made_in_the_first(
    sample_draft, ministry_admin, login
):
    import html

    client = login(ministry_admin)
    vi_4 = sample_draft.instructions.get(code="VI.4")
    tab_a = _rendered_form(client, sample_draft, vi_4)
    tab_b = _rendered_form(client, sample_draft, vi_4)
    tab_a[f"i{vi_4.pk}-deadline_date"] = ["2025-01-31"]
    tab_b[f"i{vi_4.pk}-report_required"] = ["on"]
    for tab in (tab_a, tab_b):
        data = {key: [html.unescape(v) for v in values] for key, values in tab.items()}
        response = client.post(reverse("protocols:instruction_save", args=[vi_4.pk]), data)
        assert response.status_code == 200, response.content.decode()[-500:]
    vi_4.refresh_from_db()
    assert vi_4.deadline_date == dt.date(2025, 1, 31)
    assert vi_4.report_required
    assert vi_4.text.startswith("актуализировать")


def test_the_page_never_reports_no_doubts_while_a_mandatory_instruction_has_no_addressee(
    sample_draft, ministry_admin, login
):
    sample_draft.warnings.all().delete()
    url = reverse("protocols:review", args=[sample_draft.pk])
    client = login(ministry_admin)
    assert "Сомнений при распознавании не возникло" in client.get(url).content.decode()
    nobody = sample_draft.instructions.get(code="I.1")
    nobody.all_regions = False
    nobody.co_executors = []
    nobody.save()
    body = client.get(url).content.decode()
    assert "Сомнений при распознавании не возникло" not in body
    assert "без исполнителя (1): I.1" in body


def test_a_recommendation_without_addressee_is_not_counted_as_unaddressed(
    sample_draft, ministry_admin, login
):
    sample_draft.warnings.all().delete()
    sample_draft.instructions.filter(code="I.1").update(
        all_regions=False, kind=Instruction.Kind.RECOMMENDATION
    )
    body = (
        login(ministry_admin)
        .get(reverse("protocols:review", args=[sample_draft.pk]))
        .content.decode()
    )
    assert "без исполнителя" not in body
