"""Region isolation, walked over every URL pattern so a new route cannot skip it.

Every named route outside the admin must be classified in ``ROUTES``; an unclassified
route fails ``test_every_route_is_classified`` until someone decides who may open it.
The operator of region A (Белгородская область, 31) then tries every route against the
objects of region B (Москва, 77) — pages, forms (POST), file downloads, exports, the
API — and must get 403/404/405 and not one byte of B's data.

To classify a new route add one line to ``ROUTES``: its class and, when it takes
arguments, a function from the ``World`` (region B's objects) to the URL kwargs.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse

from tests.security.route_fuzz import url_patterns

# Route classes.
PUBLIC = "public"  # anyone, signed in or not (the login page, token-credential feeds)
PERSONAL = "personal"  # any signed-in user; what it lists is scoped to the user
MINISTRY_ONLY = "ministry_only"  # ministry staff only, no arguments
MINISTRY_OBJECTS = "ministry_objects"  # ministry staff only, with an object's key
REGION_SCOPED = "region_scoped"  # takes a region code: an operator opens only their own
REGION_OBJECTS = "region_objects"  # an object of a region (or of another user)

World = SimpleNamespace  # see the ``world`` fixture: region B's objects
Kwargs = Callable[[World], dict[str, Any]]


@dataclass(frozen=True)
class Route:
    """A route's class; ``kwargs`` builds its URL arguments from region B's objects;
    ``post`` a well-formed body, so a forged POST is refused for the region and not
    merely for a missing field (sent as JSON when ``json``)."""

    kind: str
    kwargs: Kwargs | None = None
    post: Kwargs | None = None
    json: bool = False

    def url(self, name: str, world: World | None = None) -> str:
        return reverse(name, kwargs=self.kwargs(world) if self.kwargs else None)

    def send(self, client, method: str, url: str, world: World | None):
        if method != "post" or self.post is None:
            return getattr(client, method)(url)
        data = self.post(world)
        if self.json:
            return client.post(url, json.dumps(data), content_type="application/json")
        return client.post(url, data)


def _code(code: str) -> Kwargs:
    return lambda w: {"code": code}


def _body(**data: Any) -> Kwargs:
    return lambda w: data


def _api(kwargs: Kwargs, **payload: Any) -> Route:
    """An API route on an object of region B, POSTed a valid JSON body."""
    return Route(REGION_OBJECTS, kwargs, post=(lambda w: payload) if payload else None, json=True)


ASSIGNMENT: Kwargs = lambda w: {"assignment_id": w.assignment.pk}  # noqa: E731
REPORT: Kwargs = lambda w: {"report_id": w.report.pk}  # noqa: E731


ROUTES: dict[str, Route] = {
    # --- core and accounts
    "home": Route(PERSONAL),
    "accounts:login": Route(PUBLIC),
    "accounts:logout": Route(PERSONAL),
    "accounts:password_change": Route(PERSONAL),
    "accounts:password_change_done": Route(PERSONAL),
    # --- regions
    "regions:list": Route(MINISTRY_ONLY),
    "regions:detail": Route(REGION_SCOPED, _code("77")),
    # --- protocols: import, review, publication
    "protocols:list": Route(PERSONAL),
    "protocols:import": Route(MINISTRY_ONLY),
    "protocols:import_job": Route(MINISTRY_OBJECTS, lambda w: {"pk": w.import_job.pk}),
    "protocols:review": Route(MINISTRY_OBJECTS, lambda w: {"pk": w.protocol.pk}),
    "protocols:protocol_save": Route(MINISTRY_OBJECTS, lambda w: {"pk": w.protocol.pk}),
    "protocols:default_terms": Route(MINISTRY_OBJECTS, lambda w: {"pk": w.protocol.pk}),
    "protocols:delete": Route(MINISTRY_OBJECTS, lambda w: {"pk": w.protocol.pk}),
    "protocols:discard_corrections": Route(MINISTRY_OBJECTS, lambda w: {"pk": w.protocol.pk}),
    "publication:publish": Route(MINISTRY_OBJECTS, lambda w: {"pk": w.protocol.pk}),
    "publication:run": Route(MINISTRY_OBJECTS, lambda w: {"pk": w.publication_run.pk}),
    "publication:withdraw_protocol": Route(
        MINISTRY_OBJECTS, lambda w: {"pk": w.protocol.pk}, post=_body(reason="Чужой отзыв")
    ),
    "protocols:instruction_save": Route(MINISTRY_OBJECTS, lambda w: {"pk": w.instruction.pk}),
    "protocols:instruction_change": Route(
        MINISTRY_OBJECTS, lambda w: {"pk": w.instruction.pk, "operation": "delete"}
    ),
    "publication:withdraw": Route(MINISTRY_OBJECTS, lambda w: {"pk": w.instruction.pk}),
    "protocols:report_template": Route(
        MINISTRY_OBJECTS,
        lambda w: {"pk": w.instruction.pk},
        post=_body(apply_preset="1", preset="quota"),
    ),
    "protocols:warning_decide": Route(MINISTRY_OBJECTS, lambda w: {"pk": w.warning.pk}),
    "protocols:source": Route(MINISTRY_OBJECTS, lambda w: {"pk": w.source.pk}),
    "protocols:detail": Route(REGION_OBJECTS, lambda w: {"pk": w.protocol.pk}),
    "publication:extract": Route(REGION_OBJECTS, lambda w: {"pk": w.protocol.pk, "code": "77"}),
    "protocols:letter": Route(REGION_OBJECTS, lambda w: {"pk": w.letter.pk}),
    # --- assignments: the operator's home, the assignment page, the curator's desk
    "assignments:home": Route(PERSONAL),
    "assignments:detail": Route(REGION_OBJECTS, lambda w: {"pk": w.assignment.pk}),
    "assignments:act": Route(
        REGION_OBJECTS,
        lambda w: {"pk": w.assignment.pk, "action": "submit"},
        post=lambda w: {"version": w.assignment.version, "text": "Отчёт чужого региона"},
    ),
    "assignments:report_decide": Route(
        REGION_OBJECTS, lambda w: {"pk": w.report.pk}, post=_body(decision="accept")
    ),
    "assignments:extension_decide": Route(
        REGION_OBJECTS, lambda w: {"pk": w.extension.pk}, post=_body(decision="approve")
    ),
    "assignments:file": Route(REGION_OBJECTS, lambda w: {"pk": w.file.pk}),
    "assignments:desk": Route(MINISTRY_ONLY),
    "assignments:bulk_accept": Route(
        MINISTRY_ONLY, post=lambda w: {"reports": [w.report.pk] if w else []}
    ),
    # --- notifications and calendars
    "notifications:list": Route(PERSONAL),
    "notifications:read": Route(PERSONAL),
    "notifications:preferences": Route(PERSONAL),
    "notifications:calendar": Route(PERSONAL),
    # The token is the credential (calendar programs cannot sign in): a wrong one is 404.
    "notifications:feed": Route(PUBLIC, lambda w: {"token": "0" * 43}),
    # --- dashboards
    "dashboards:department": Route(MINISTRY_ONLY),
    "dashboards:map": Route(MINISTRY_ONLY),
    "dashboards:rating": Route(MINISTRY_ONLY),
    "dashboards:search": Route(PERSONAL),
    "dashboards:protocol": Route(REGION_OBJECTS, lambda w: {"pk": w.protocol.pk}),
    "dashboards:answers": Route(REGION_OBJECTS, lambda w: {"pk": w.instruction.pk}),
    "dashboards:region": Route(REGION_SCOPED, _code("77")),
    # --- exports
    "exports:protocol_xlsx": Route(REGION_OBJECTS, lambda w: {"pk": w.protocol.pk}),
    "exports:protocol_docx": Route(REGION_OBJECTS, lambda w: {"pk": w.protocol.pk}),
    "exports:protocol_pdf": Route(REGION_OBJECTS, lambda w: {"pk": w.protocol.pk}),
    "exports:protocol_csv": Route(REGION_OBJECTS, lambda w: {"pk": w.protocol.pk}),
    "exports:region_items": Route(REGION_SCOPED, _code("77")),
    "exports:region_upload": Route(REGION_SCOPED, _code("77")),
    # --- API tokens (the page) and the API itself, with the browser session
    "api:tokens": Route(PERSONAL),
    "api:token_revoke": Route(REGION_OBJECTS, lambda w: {"pk": w.token.pk}),
    # The API's own pages (schema and docs) describe it and hold no data.
    "api-v1:api-root": Route(PUBLIC),
    "api-v1:openapi-json": Route(PUBLIC),
    "api-v1:openapi-view": Route(PUBLIC),
    "api-v1:list_regions": Route(PERSONAL),
    "api-v1:get_region": Route(REGION_SCOPED, _code("77")),
    "api-v1:list_protocols": Route(PERSONAL),
    "api-v1:get_protocol": _api(lambda w: {"protocol_id": w.protocol.pk}),
    "api-v1:list_instructions": Route(PERSONAL),
    "api-v1:get_instruction": _api(lambda w: {"instruction_id": w.instruction.pk}),
    "api-v1:list_assignments": Route(PERSONAL),
    "api-v1:get_assignment": _api(ASSIGNMENT),
    "api-v1:acknowledge": _api(ASSIGNMENT),
    "api-v1:start_work": _api(ASSIGNMENT),
    "api-v1:not_applicable": _api(ASSIGNMENT, justification="Не относится"),
    # One address for both: GET lists the comments, POST adds one.
    "api-v1:list_comments": _api(lambda w: {"assignment_id": w.other.pk}, text="Чужой"),
    "api-v1:add_comment": _api(lambda w: {"assignment_id": w.other.pk}, text="Чужой"),
    "api-v1:request_extension": _api(ASSIGNMENT, new_date="2030-01-10", reason="Чужой"),
    "api-v1:list_reports": Route(PERSONAL),
    "api-v1:get_report": _api(REPORT),
    "api-v1:submit_report": Route(
        REGION_OBJECTS, ASSIGNMENT, post=_body(text="Чужой отчёт", kind="final", answers="{}")
    ),
    "api-v1:report_file": _api(lambda w: {"report_id": w.report.pk, "file_id": w.file.pk}),
    "api-v1:accept_report": _api(REPORT, comment=""),
    "api-v1:return_report": _api(REPORT, comment="Чужой"),
    "api-v1:list_extension_requests": Route(PERSONAL),
    "api-v1:get_extension_request": _api(lambda w: {"request_id": w.extension.pk}),
    "api-v1:decide_extension": _api(lambda w: {"request_id": w.extension.pk}, approve=True),
    "api-v1:list_events": Route(PERSONAL),
    "api-v1:list_notifications": Route(PERSONAL),
    "api-v1:mark_read": _api(lambda w: {"notification_id": w.notification.pk}),
}


def _of(kind: str) -> list[str]:
    return sorted(name for name, route in ROUTES.items() if route.kind == kind)


def test_every_route_is_classified():
    routes = set(url_patterns())
    unclassified = sorted(routes - set(ROUTES))
    assert not unclassified, f"classify these routes in ROUTES: {unclassified}"
    assert not set(ROUTES) - routes, "ROUTES names routes that no longer exist"


# --- what region B leaves behind ------------------------------------------------------

SECRET = "Секрет Москвы 7731"
PDF = b"%PDF-1.4\n% moscow\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
# Nothing of these may reach region A: B's name, the protocol's number, B's words, B's file.
B_MARKERS = ("Москва", "Д05-98/05пр", SECRET, "moscow-order")


@pytest.fixture
def world(published_elsewhere, operator_b, ministry_admin) -> World:
    return build_world(published_elsewhere, operator_b)


def build_world(protocol, operator_b) -> World:
    """Region B's life on the published sample: a report with a file, an extension
    request, a comment, a notification, a calendar feed and an API token — each a target
    (``bench/bench_requests.py`` builds it too, outside pytest)."""
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from protokol.api.tokens import issue_token
    from protokol.assignments import extensions, reporting
    from protokol.assignments.models import Assignment
    from protokol.notifications.models import CalendarFeed, Notification
    from protokol.protocols.models import GeneratedDocument, ImportJob, ReviewWarning
    from protokol.publication.models import PublicationRun

    moscow = Assignment.objects.filter(instruction__protocol=protocol, region_id="77")
    reported = moscow.get(instruction__code="III.1")
    report = reporting.submit_report(
        reported,
        operator_b,
        text=SECRET,
        files=[SimpleUploadedFile("moscow-order.pdf", PDF, "application/pdf")],
    )
    other = moscow.exclude(due_date=None).exclude(pk=reported.pk).first()
    extension = extensions.request_extension(
        other,
        operator_b,
        new_date=max(other.due_date, timezone.localdate()) + dt.timedelta(days=40),
        reason=SECRET,
    )
    reporting.add_comment(other, operator_b, SECRET)
    token = issue_token(operator_b, "Москва: выгрузка").token
    return World(
        protocol=protocol,
        instruction=reported.instruction,
        assignment=reported,
        other=other,
        report=report,
        file=report.files.get(),
        extension=extension,
        letter=GeneratedDocument.objects.filter(region=None).first(),
        import_job=ImportJob.objects.first(),
        publication_run=PublicationRun.objects.create(
            protocol=protocol,
            created_by=reported.instruction.curator,
            planned={"assignments": 0, "regions": 0},  # as start_publication leaves it
        ),
        warning=ReviewWarning.objects.first(),
        source=protocol.sources.first(),
        notification=Notification.objects.create(
            recipient=operator_b,
            kind=Notification.Kind.RETURNED,
            subject=SECRET,
            body=SECRET,
            protocol=protocol,
            region_id="77",
            assignment=reported,
        ),
        feed=CalendarFeed.objects.create(user=operator_b, scope="region", region_id="77"),
        token=token,
    )


def _text(response) -> str:
    """The body as text, JSON unescaped (``\\u041c…`` would hide «Москва»)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    if response.get("Content-Type", "").startswith("application/json") and text:
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
    return text


def _b_state(world: World) -> list[Any]:
    """What a forged POST could change on B's side."""
    from protokol.assignments.models import Assignment, Comment, ExtensionRequest, Report

    return [
        list(Assignment.objects.filter(region_id="77").order_by("pk").values_list("pk", "state",
                                                                                   "version", "due_date")),
        list(Report.objects.filter(assignment__region_id="77").values_list("pk", "decision")),
        list(ExtensionRequest.objects.values_list("pk", "decision")),
        Comment.objects.count(),
        world.instruction.__class__.objects.filter(pk=world.instruction.pk)
        .values_list("state", "report_template", "text")
        .get(),
    ]  # fmt: skip


# --- the operator of region A against it -----------------------------------------------
#
# Each test walks all routes of a class against one world (publishing the sample takes
# seconds: a world per route would take minutes) and reports every failing route at once.


def _walk(client, routes: list[str], world: World | None, check, methods=("get",)) -> None:
    problems = []
    for route in routes:
        url = ROUTES[route].url(route, world)
        for method in methods:
            response = ROUTES[route].send(client, method, url, world)
            problem = check(route, response)
            if problem:
                problems.append(f"{method.upper()} {route} {url}: {problem}")
    assert not problems, "\n".join(problems)


def _status_in(*allowed: int):
    def check(route: str, response) -> str:
        if response.status_code not in allowed:
            snippet = _text(response)[:300]
            return f"status {response.status_code}, expected one of {allowed}: {snippet}"
        text = _text(response)
        leaked = [marker for marker in B_MARKERS if marker in text]
        return f"shows {leaked}" if leaked else ""

    return check


def test_an_operator_reaches_no_object_of_another_region(world, operator_a, login):
    """Belgorod's operator against Moscow's objects, by GET and by a forged POST; B's
    side is exactly as before."""
    before = _b_state(world)
    routes = _of(REGION_OBJECTS) + _of(MINISTRY_OBJECTS)
    _walk(login(operator_a), routes, world, _status_in(403, 404, 405), ("get", "post"))
    assert _b_state(world) == before


def test_the_objects_exist_for_their_own_region(world, operator_b, login):
    """The control: region B's operator does reach the same addresses, so the refusals
    above are about the region, not about a wrong address."""
    _walk(login(operator_b), _of(REGION_OBJECTS), world, _reachable)


def _reachable(route: str, response) -> str:
    ok = response.status_code in (200, 405)
    return "" if ok else f"status {response.status_code}, expected 200 or 405"


def test_an_operator_is_refused_ministry_pages(world, operator_a, login):
    _walk(login(operator_a), _of(MINISTRY_ONLY), world, _status_in(403, 405), ("get", "post"))


def test_an_operator_cannot_open_another_regions_page(world, operator_a, login):
    _walk(login(operator_a), _of(REGION_SCOPED), world, _status_in(404, 405), ("get", "post"))


def test_an_operator_opens_their_own_regions_pages(operator_a, login, db):
    client, problems = login(operator_a), []
    for route in _of(REGION_SCOPED):
        response = client.get(reverse(route, kwargs={"code": "31"}))
        if response.status_code != 200:
            problems.append(f"{route}: status {response.status_code}")
        elif "html" in response.get("Content-Type", "") and "Белгородская область" not in _text(
            response
        ):
            problems.append(f"{route}: the region's name is missing")
    assert not problems, problems


def test_personal_pages_show_an_operator_nothing_of_another_region(world, operator_a, login):
    _walk(login(operator_a), _of(PERSONAL), world, _status_in(200, 302, 405))


def test_public_pages_show_nothing_of_any_region(world, client):
    _walk(client, _of(PUBLIC), world, _status_in(200, 404))


def test_an_anonymous_visitor_is_sent_to_login_or_refused(world, client):
    def check(route: str, response) -> str:
        if response.status_code == 302:
            location = response["Location"]
            return "" if location.startswith(reverse("accounts:login")) else f"→ {location}"
        # The API answers for itself (401); a POST-only view refuses GET (405).
        return _status_in(401, 403, 404, 405)(route, response)

    routes = sorted(name for name, r in ROUTES.items() if r.kind != PUBLIC)
    _walk(client, routes, world, check, ("get", "post"))


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
