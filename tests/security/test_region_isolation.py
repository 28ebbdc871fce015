"""Region isolation, walked over every URL pattern so a new route cannot skip it.

Every named route outside the admin must be classified below; an unclassified route
fails ``test_every_route_is_classified`` until someone decides who may open it.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Routes anyone may open (the login flow).
PUBLIC = {"accounts:login"}
# Routes every signed-in user may open, whatever the region; what they list is scoped.
PERSONAL = {
    "core:home",
    "protocols:list",
    "accounts:logout",
    "accounts:password_change",
    "accounts:password_change_done",
}
# Routes for ministry staff only (no arguments).
MINISTRY_ONLY = {"regions:list", "protocols:import"}
# Routes for ministry staff only that take a primary key.
MINISTRY_OBJECTS = {
    "protocols:import_job",
    "protocols:review",
    "protocols:protocol_save",
    "protocols:default_terms",
    "protocols:publish",
    "protocols:instruction_save",
    "protocols:instruction_change",
    "protocols:withdraw",
    "protocols:warning_decide",
    "protocols:source",
}
# Routes that take a region code: an operator may open only their own region's.
REGION_SCOPED = {"regions:detail"}
# Routes to objects that belong to regions: tested below against another region's object.
REGION_OBJECTS = {"protocols:detail", "protocols:extract", "protocols:letter"}


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
    classified = (
        PUBLIC | PERSONAL | MINISTRY_ONLY | MINISTRY_OBJECTS | REGION_SCOPED | REGION_OBJECTS
    )
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


@pytest.mark.parametrize(
    "route", sorted(MINISTRY_ONLY | REGION_SCOPED | PERSONAL - {"accounts:logout"})
)
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


@pytest.fixture
def published_elsewhere(ready_draft, ministry_admin):
    """The sample published to every region but Белгородская область (31), region A."""
    from protokol.protocols.publishing import publish
    from protokol.protocols.review import update_instruction
    from protokol.regions.models import Region

    others = list(Region.objects.exclude(code="31").values_list("code", flat=True))
    for instruction in ready_draft.instructions.all():
        update_instruction(instruction, {"all_regions": False}, others, ministry_admin)
    publish(ready_draft, ministry_admin)
    return ready_draft


def _object_kwargs(route: str, protocol) -> dict:
    from protokol.protocols.models import GeneratedDocument, ImportJob, ReviewWarning

    instruction = protocol.instructions.first()
    return {
        "protocols:detail": {"pk": protocol.pk},
        "protocols:extract": {"pk": protocol.pk, "code": "77"},
        "protocols:letter": {"pk": GeneratedDocument.objects.filter(region=None).first().pk},
        "protocols:import_job": {"pk": ImportJob.objects.first().pk},
        "protocols:review": {"pk": protocol.pk},
        "protocols:protocol_save": {"pk": protocol.pk},
        "protocols:default_terms": {"pk": protocol.pk},
        "protocols:publish": {"pk": protocol.pk},
        "protocols:instruction_save": {"pk": instruction.pk},
        "protocols:instruction_change": {"pk": instruction.pk, "operation": "delete"},
        "protocols:withdraw": {"pk": instruction.pk},
        "protocols:warning_decide": {"pk": ReviewWarning.objects.first().pk},
        "protocols:source": {"pk": protocol.sources.first().pk},
    }[route]


@pytest.mark.parametrize("route", sorted(MINISTRY_OBJECTS | REGION_OBJECTS))
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_operator_reaches_no_object_of_another_region(
    route, method, published_elsewhere, operator_a, login
):
    """Belgorod's operator against a protocol addressed to everyone but Belgorod."""
    url = reverse(route, kwargs=_object_kwargs(route, published_elsewhere))
    response = getattr(login(operator_a), method)(url)
    assert response.status_code in (403, 404, 405), (route, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert "Д05-98/05пр".encode() not in body
    assert "Москва".encode() not in body
