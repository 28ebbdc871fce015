"""The route fuzzer: no request, from any persona, makes the service answer 5xx or
redirects off the site (the matrix is ``route_fuzz``'s; ``make bench`` times it)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import publish_sample
from tests.security import route_fuzz
from tests.security.test_region_isolation import ROUTES, world  # noqa: F401  (fixture)


@pytest.fixture
def published_elsewhere(ready_draft, ministry_admin):
    """The isolation walk's world on a smaller map: the sample published to Москва (region
    B) and Тыва only, so that a page listing every assignment stays light for the walk's
    ~8,000 requests (``make bench`` walks the full-size one)."""
    return publish_sample(ready_draft, ministry_admin, regions=["77", "17"])


@pytest.fixture
def personas(ministry_admin, curator, observer, operator_b, login):
    """Persona → a maker of fresh clients signed in as it. The operator is region B's,
    whose objects the valid arguments name, so the requests reach the views' depths."""

    def quiet(client: Client) -> Client:
        client.raise_request_exception = False  # a 500 is an outcome to list, not to raise
        return client

    return {
        "anonymous": lambda: quiet(Client()),
        "admin": lambda: quiet(login(ministry_admin)),
        "curator": lambda: quiet(login(curator)),
        "observer": lambda: quiet(login(observer)),
        "operator": lambda: quiet(login(operator_b)),
    }


def test_no_request_answers_a_server_error_or_redirects_off_the_site(
    world,  # noqa: F811
    personas,
    record_property,
):
    matrix = route_fuzz.run(personas, ROUTES, world)
    print(matrix.summary())
    for key, count in matrix.counts().items():
        record_property(key, count)
    assert len(matrix.routes) == len(route_fuzz.url_patterns()) > 70
    assert matrix.values == {"valid", *route_fuzz.HOSTILE, *route_fuzz.BODIES}
    problems = [o.describe() for o in matrix.server_errors]
    problems += [f"{o.describe()} → {o.location}" for o in matrix.off_site]
    assert not problems, matrix.summary() + "\n" + "\n".join(problems)
