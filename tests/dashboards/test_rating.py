from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_region_card_shows_discipline_figures(executed, curator, login):
    from protokol.assignments.models import Assignment

    response = login(curator).get(
        reverse("dashboards:region", args=["31"]), {"since": "2024-01-01"}
    )
    card = response.context["card"]
    due = Assignment.objects.filter(region_id="31").exclude(state="cancelled").count()
    assert card.row.due == due
    # I.1 was reported on 20 November for a 23 November term; V.1's report came today.
    assert card.row.on_time == 1
    assert card.row.executed == 2
    assert card.late_count == due - 1
    assert card.average_delay is not None and card.average_delay > 100
    assert card.row.returned_rate == 0
    months = dict(card.months)
    # November 2024 holds I.1 (on time) among other terms missed: a rate strictly between.
    assert 0 < months["ноя 2024"] < 100
    assert months["дек 2024"] == 0
    assert '<svg class="sparkbars"' in response.content.decode()


def test_the_returned_rate_counts_decided_reports(executed, curator, login):
    card = (
        login(curator)
        .get(reverse("dashboards:region", args=["17"]), {"since": "2024-01-01"})
        .context["card"]
    )
    assert card.row.reports_returned == 1 and card.row.returned_rate == 100


def test_an_operator_opens_only_their_own_region_card(executed, operator_a, login):
    client = login(operator_a)
    assert client.get(reverse("dashboards:region", args=["31"])).status_code == 200
    assert client.get(reverse("dashboards:region", args=["77"])).status_code == 404


def test_the_league_table_ranks_by_rates_and_sorts_by_column(executed, grow, curator, login):
    grow()
    client = login(curator)
    rows = client.get(reverse("dashboards:rating"), {"since": "2024-01-01"}).context["rows"]
    assert len(rows) == 89
    assert rows[0].code == "31"  # the only region with a report on time
    by_returned = client.get(
        reverse("dashboards:rating"), {"since": "2024-01-01", "sort": "returned"}
    ).context["rows"]
    rates = [r.returned_rate for r in by_returned if r.returned_rate is not None]
    assert rates == sorted(rates) and rates[-1] == 100
    by_extensions = client.get(
        reverse("dashboards:rating"), {"since": "2024-01-01", "sort": "extensions"}
    ).context["rows"]
    assert by_extensions[0].extension_rate is not None


def test_an_operator_cannot_open_the_rating(operator_a, login):
    assert login(operator_a).get(reverse("dashboards:rating")).status_code == 403


def test_on_time_in_the_rating_is_executed_on_time_by_the_one_rule(executed, curator, login):
    """Moscow's I.1 report came in time but waits for the ministry: not yet «в срок»;
    once accepted it is. A confirmed «не относится» owed nothing, so it counts too."""
    import datetime as dt

    from django.utils import timezone

    from protokol.assignments.models import Assignment, Report

    def moscow_on_time():
        card = login(curator).get(
            reverse("dashboards:region", args=["77"]), {"since": "2024-01-01"}
        )
        return card.context["card"].row.on_time

    i1 = Assignment.objects.get(region_id="77", instruction__code="I.1", period=0)
    in_time = dt.datetime(2024, 11, 20, 12, tzinfo=timezone.get_current_timezone())
    Report.objects.filter(assignment=i1).update(submitted_at=in_time)
    assert i1.state == Assignment.State.SUBMITTED
    before = moscow_on_time()
    Report.objects.filter(assignment=i1).update(decision=Report.Decision.ACCEPTED)
    Assignment.objects.filter(pk=i1.pk).update(state=Assignment.State.ACCEPTED)
    assert moscow_on_time() == before + 1
    other = (
        Assignment.objects.filter(region_id="77", due_date__lt=dt.date(2024, 12, 31))
        .exclude(pk=i1.pk)
        .exclude(state=Assignment.State.CANCELLED)
        .first()
    )
    Assignment.objects.filter(pk=other.pk).update(state=Assignment.State.NOT_APPLICABLE)
    assert moscow_on_time() == before + 2
