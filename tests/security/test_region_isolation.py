"""Region isolation, walked over every URL pattern so a new route cannot skip it.

Every named route outside the admin must be classified below; an unclassified route
fails ``test_every_route_is_classified`` until someone decides who may open it.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Routes anyone may open (the login flow).
PUBLIC = {"accounts:login"}
# Routes every signed-in user may open, whatever the region.
PERSONAL = {
    "core:home",
    "accounts:logout",
    "accounts:password_change",
    "accounts:password_change_done",
}
# Routes for ministry staff only.
MINISTRY_ONLY = {"regions:list"}
# Routes that take a region code: an operator may open only their own region's.
REGION_SCOPED = {"regions:detail"}


def _named_routes(patterns=None, namespace: str | None = None) -> set[str]:
    names: set[str] = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = entry.namespace if namespace is None else f"{namespace}:{entry.namespace}"
            names |= _named_routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}:{entry.name}" if namespace else entry.name)
    return names


def test_every_route_is_classified():
    classified = PUBLIC | PERSONAL | MINISTRY_ONLY | REGION_SCOPED
    assert _named_routes() == classified


@pytest.mark.parametrize("route", sorted(MINISTRY_ONLY))
def test_an_operator_is_refused_ministry_pages(route, operator_a, login):
    response = login(operator_a).get(reverse(route))
    assert response.status_code == 403


@pytest.mark.parametrize("route", sorted(REGION_SCOPED))
def test_an_operator_cannot_open_another_regions_page(route, operator_a, login):
    response = login(operator_a).get(reverse(route, kwargs={"code": "77"}))
    assert response.status_code == 404
    assert "Москва" not in response.content.decode()


@pytest.mark.parametrize("route", sorted(REGION_SCOPED))
def test_an_operator_opens_their_own_regions_page(route, operator_a, login):
    response = login(operator_a).get(reverse(route, kwargs={"code": "31"}))
    assert response.status_code == 200
    assert "Белгородская область" in response.content.decode()


@pytest.mark.parametrize("route", sorted(MINISTRY_ONLY | REGION_SCOPED | PERSONAL - {"accounts:logout"}))
def test_an_anonymous_visitor_is_sent_to_login(route, client, db):
    kwargs = {"code": "31"} if route in REGION_SCOPED else {}
    response = client.get(reverse(route, kwargs=kwargs))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_operator_cannot_open_the_admin(operator_a, login):
    client = login(operator_a)
    for url in ("/admin/", "/admin/accounts/user/", "/admin/regions/region/77/change/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url


def test_the_ministry_sees_every_region(curator, login):
    client = login(curator)
    assert client.get(reverse("regions:detail", kwargs={"code": "77"})).status_code == 200
    assert client.get(reverse("regions:detail", kwargs={"code": "31"})).status_code == 200
