from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _page(client, protocol, **params):
    return client.get(reverse("dashboards:protocol", args=[protocol.pk]), params)


def test_progress_counts_each_instructions_states(executed, curator, login):
    response = _page(login(curator), executed)
    counts = {i.code: c for i, c in response.context["instructions"]}
    i1 = counts["I.1"]
    assert (i1.total, i1.accepted, i1.submitted, i1.returned, i1.not_started) == (89, 1, 1, 1, 86)
    # The sample's terms lie in 2024: everything still with a region is overdue,
    # the returned report included; the report waiting for the curator is not.
    assert i1.overdue == 87
    assert counts["III.1"].total == 23


def test_the_matrix_shows_every_region_with_state_colours(executed, curator, login):
    from protokol.assignments.models import Assignment

    response = _page(login(curator), executed)
    rows = {region.code: row for region, row in response.context["rows"]}
    assert len(rows) == 89
    assert (
        'class="cell cell-accepted" title="Белгородская область: принято, срок 22.11.2024"'
        in (rows["31"])
    )
    assert 'class="cell cell-submitted" title="Москва: на проверке, срок 22.11.2024"' in rows["77"]
    assert 'class="cell cell-overdue" title="Республика Тыва: просрочено' in rows["17"]
    html = response.content.decode()
    assert 'class="cell cell-accepted"' in html
    assert "style=" not in html
    belgorod = Assignment.objects.get(
        instruction__protocol=executed, instruction__code="I.1", region_id="31"
    )
    assert f'href="{reverse("assignments:detail", args=[belgorod.pk])}"' in html


def test_the_matrix_filters_by_federal_district(executed, curator, login):
    client = login(curator)
    central = _page(client, executed, district="ЦФО").context["rows"]
    assert len(central) == 18
    assert all(region.district == "ЦФО" for region, _ in central)
    new = _page(client, executed, district="new").context["rows"]
    assert sorted(region.code for region, _ in new) == ["90", "93", "94", "95"]


def test_the_matrix_filters_by_state(executed, curator, login):
    rows = _page(login(curator), executed, state="submitted").context["rows"]
    assert sorted(region.code for region, _ in rows) == ["16", "77"]


def test_an_operator_sees_only_their_own_row(executed, operator_a, login):
    response = _page(login(operator_a), executed)
    assert [region.code for region, _ in response.context["rows"]] == ["31"]
    counts = {i.code: c for i, c in response.context["instructions"]}
    assert counts["I.1"].total == 1 and counts["I.1"].accepted == 1
    assert "Москва" not in response.content.decode()


def test_the_protocol_page_links_to_progress_and_exports(executed, curator, login):
    html = login(curator).get(reverse("protocols:detail", args=[executed.pk])).content.decode()
    assert reverse("dashboards:protocol", args=[executed.pk]) in html
    assert reverse("exports:protocol_xlsx", args=[executed.pk]) in html
    assert reverse("exports:protocol_docx", args=[executed.pk]) in html


def test_each_line_shows_the_date_the_regions_are_held_to_not_the_stated_one(
    executed, curator, login
):
    """I.1 says «до 23 ноября 2024 г.», a Saturday: the matrix's cells say 22.11.2024,
    and so does the line of the progress table."""
    response = _page(login(curator), executed)
    dues = {instruction.code: due for instruction, _, due in response.context["lines"]}
    assert dues["I.1"].isoformat() == "2024-11-22"
    html = response.content.decode()
    assert "23.11.2024" not in html
