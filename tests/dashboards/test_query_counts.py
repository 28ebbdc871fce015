"""Query-count baselines of every control page and export, constant in rows.

Each route is measured on the sample with its execution picture, then again after
``grow`` added a protocol, 267 assignments, reports and extension requests: the same
number of queries both times, or a page has started to query per row.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

# route → (queries for the ministry's curator). Counts include the session, the user and
# the top bar (unread notifications).
BASELINES = {
    "dashboards:protocol": 8,
    "dashboards:department": 11,
    "dashboards:map": 7,
    "dashboards:region": 13,
    "dashboards:rating": 8,
    "dashboards:answers": 6,
    "dashboards:search": 5,
    "exports:protocol_xlsx": 8,
    "exports:protocol_docx": 8,
    "exports:protocol_pdf": 8,
    "exports:protocol_csv": 8,
    "exports:region_items": 4,
    "exports:region_upload": 4,
}


def _url(route: str, protocol) -> str:
    if route in ("dashboards:protocol",) or route.startswith("exports:protocol"):
        return reverse(route, args=[protocol.pk])
    if route == "dashboards:answers":
        return reverse(route, args=[protocol.instructions.get(code="V.1").pk])
    if route in ("dashboards:region", "exports:region_items", "exports:region_upload"):
        return reverse(route, args=["31"])
    if route == "dashboards:search":
        return reverse(route) + "?q=обеспечить+участие"
    if route in ("dashboards:rating",):
        return reverse(route) + "?since=2024-01-01"
    return reverse(route)


@pytest.mark.parametrize("route", sorted(BASELINES))
def test_query_count_does_not_grow_with_rows(
    route, executed, grow, curator, login, django_assert_num_queries
):
    client = login(curator)
    url = _url(route, executed)
    client.get(url)  # warm caches that are per process, not per request (calendar, morph)
    with django_assert_num_queries(BASELINES[route]):
        assert client.get(url).status_code == 200
    grow()
    with django_assert_num_queries(BASELINES[route]):
        assert client.get(url).status_code == 200


def test_every_control_route_has_a_baseline():
    from protokol.dashboards.urls import urlpatterns as dashboards
    from protokol.exports.urls import urlpatterns as exports

    names = {f"dashboards:{p.name}" for p in dashboards} | {f"exports:{p.name}" for p in exports}
    assert names == set(BASELINES)
