from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def caching(settings):
    settings.PROTOKOL_DASHBOARD_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def test_year_wide_figures_are_computed_once_a_minute(
    caching, executed, curator, observer, login, django_assert_max_num_queries
):
    url = reverse("dashboards:department")
    login(curator).get(url)
    client = login(observer)
    # Another ministry user within the minute: no aggregate query, only the page's own
    # (session, user, the top bar's unread count).
    with django_assert_max_num_queries(4):
        response = client.get(url)
    assert response.context["board"].awaiting_review == 3


def test_cached_figures_are_kept_per_scope(caching, executed, curator, operator_a, login):
    curator_client, operator_client = login(curator), login(operator_a)
    url = reverse("dashboards:region", args=["31"])
    assert curator_client.get(url, {"since": "2024-01-01"}).status_code == 200
    card = operator_client.get(url, {"since": "2024-01-01"}).context["card"]
    assert card.row.code == "31"
    from protokol.dashboards.caching import scope_of

    assert scope_of(curator) == "all" and scope_of(operator_a) == "region-31"
