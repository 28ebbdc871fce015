from __future__ import annotations

import re

import pytest
from django.urls import reverse

from protokol.dashboards.map_grid import GRID


def test_the_grid_has_one_tile_per_subject_at_a_unique_position():
    assert len(GRID) == 89
    positions = {(tile.column, tile.row) for tile in GRID.values()}
    assert len(positions) == 89
    labels = [tile.label for tile in GRID.values()]
    assert len(set(labels)) == 89
    assert all(1 < len(label) <= 5 for label in labels)
    assert {"90", "91", "92", "93", "94", "95"} <= set(GRID)


@pytest.mark.django_db
def test_every_region_in_the_database_has_a_tile():
    from protokol.regions.models import Region

    assert set(Region.objects.values_list("code", flat=True)) == set(GRID)


@pytest.mark.django_db
def test_the_map_colours_each_subject_by_its_execution_rate(executed, curator, login):
    from protokol.assignments.models import Assignment

    response = login(curator).get(reverse("dashboards:map"), {"protocol": executed.pk})
    html = response.content.decode()
    assert html.count('class="tile rate-') == 89
    assert html.split("<svg", 1)[1].count("<title>") == 89
    belgorod = Assignment.objects.filter(instruction__protocol=executed, region_id="31")
    total = belgorod.exclude(state="cancelled").count()
    percent = round(2 * 100 / total)
    assert f"Белгородская область: исполнено {percent} % (2 из {total})" in html
    link = reverse("dashboards:region", args=["31"])
    assert re.search(
        rf'<a href="{link}"><title>Белгородская область[^<]*</title><rect [^>]*class="tile rate-0"',
        html,
    )
    # The table alternative lists every subject too.
    assert html.count(f'href="{reverse("dashboards:region", args=["92"])}"') == 2


@pytest.mark.django_db
def test_the_map_for_a_period_counts_only_terms_in_it(executed, curator, login):
    response = login(curator).get(
        reverse("dashboards:map"), {"since": "2024-12-01", "until": "2024-12-03"}
    )
    html = response.content.decode()
    # Only V.1 and V.2 (due 2 December) and VIII.x (1 December) fall in the period.
    assert "Москва: исполнено 0 % (0 из" in html
    assert "Белгородская область: исполнено" in html


@pytest.mark.django_db
def test_a_fresh_map_without_terms_this_year_shows_the_whole_history(executed, curator, login):
    response = login(curator).get(reverse("dashboards:map"))
    assert response.context["whole_time"] is True
    assert "за всё время" in response.content.decode()


@pytest.mark.django_db
def test_an_operator_cannot_open_the_map(executed, operator_a, login):
    assert login(operator_a).get(reverse("dashboards:map")).status_code == 403
