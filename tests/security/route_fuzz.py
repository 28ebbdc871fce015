"""The route fuzzer's matrix: every named URL × persona × hostile value.

``tests/security/test_route_fuzz.py`` asserts on it (never a 5xx, never a redirect off the
site) and ``bench/bench_requests.py`` times the very same requests (``make bench``).

For each named route of the URL conf and each persona, GET and POST are sent:

- as the route is, with region B's valid arguments and body (``ROUTES`` of the isolation
  walk), recording meanwhile which parameters the view reads (``QueryDict.get`` …);
- with each path argument replaced by each hostile value (an address no route matches is
  the resolver's 404 whoever asks: it is sent once);
- with the parameters the view read — and, for the API, the query parameters its schema
  declares — set to each hostile value, in the query and, for POST, in the body: all at
  once, and then one at a time if the answer shows the view stopped at one of them (a
  parameter refused early must not hide a later one that fails);
- (POST) with a deeply nested JSON body and with an empty multipart body.

A new route, or a new parameter of a view, is therefore fuzzed without anyone listing it.
The admin is left out: it is Django's own code, behind the administrators' sign-in (the
isolation walk checks that nobody else gets past it).
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock
from urllib.parse import quote, unquote, urlencode, urlsplit

from django.core.signals import got_request_exception
from django.db import transaction
from django.http import QueryDict
from django.urls import (
    NoReverseMatch,
    Resolver404,
    URLPattern,
    URLResolver,
    get_resolver,
    resolve,
    reverse,
)

# What a hand-edited address or a hostile client sends, by class. Each class once broke a
# page: digits the database cannot hold; «²», a digit to ``str.isdigit`` that ``int``
# refuses; «١٢» and «１２», which ``int`` reads as 12; 10 kB of digits, past ``int``'s
# 4,300-digit limit; a NUL, which PostgreSQL refuses; dates ``datetime`` holds but date
# arithmetic near them overflows; redirect targets off the site.
HOSTILE: dict[str, str] = {
    "huge": "9" * 20,
    "negative": "-1",
    "superscript": "²",
    "arabic_indic": "١٢",
    "fullwidth": "１２",
    "ten_kb": "9" * 10_240,
    "nul": "a\x00b",
    "date_ancient": "0001-01-01",
    "date_far": "9999-12-31",
    "date_impossible": "2024-02-30",
    "javascript": "javascript:alert(1)",
    "offsite": "//evil.example",
}

# Bodies sent to every POST in place of its form: value class → (content type, bytes).
NESTING = 10_000
BODIES: dict[str, tuple[str, bytes]] = {
    "nested_json": ("application/json", b'{"a":' * NESTING + b"1" + b"}" * NESTING),
    "empty_multipart": ("multipart/form-data; boundary=fuzz", b""),
}

# Answers of a view that stopped at the first parameter it refused (``BadParameter``,
# ``Http404``): the parameters after it were never read.
STOPPED = {400, 404}

# Stand-ins reversed in place of one argument, then replaced by the hostile value: one
# fits a word converter (codes, tokens, slugs), the other a digits one (ids).
_SENTINELS = ("zqxsentinelzqx", "987654321987")


# --- the URL conf ------------------------------------------------------------------------


def url_patterns(
    patterns: list[Any] | None = None, namespace: str | None = None
) -> dict[str, URLPattern]:
    """Every named route outside the admin, by its namespaced name."""
    found: dict[str, URLPattern] = {}
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = entry.namespace if namespace is None else f"{namespace}:{entry.namespace}"
            found |= url_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            found[f"{namespace}:{entry.name}" if namespace else entry.name] = entry
    return found


def _with_argument(name: str, kwargs: dict[str, Any], argument: str, value: str) -> str | None:
    """The route's address with ``argument`` set to ``value`` (the others as in ``kwargs``)."""
    for sentinel in _SENTINELS:
        try:
            url = reverse(name, kwargs={**kwargs, argument: sentinel})
        except NoReverseMatch:
            continue
        return url.replace(sentinel, quote(value, safe=""))
    return None


def _api_query_parameters() -> dict[tuple[str, str], set[str]]:
    """The query parameters the API's schema declares, by (path template, method): the
    API reads its query as a whole, so recording single reads would not see them."""
    from protokol.api.v1 import api

    return {
        (path, method): {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        for path, operations in api.get_openapi_schema()["paths"].items()
        for method, operation in operations.items()
    }


def _template(name: str, arguments: list[str]) -> str:
    """The route's address with ``{argument}`` for each argument, as OpenAPI spells it."""
    try:
        return unquote(reverse(name, kwargs={a: f"{{{a}}}" for a in arguments}))
    except NoReverseMatch:
        return ""


# --- one request -------------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    """One request: ``value`` names the value class sent (``valid`` for none) and
    ``where`` what it replaced (``path:pk``, ``param:page``, ``body``; ``-`` nothing)."""

    route: str
    method: str
    url: str
    value: str = "valid"
    where: str = "-"
    data: Any = None
    content_type: str | None = None


@dataclass
class Outcome:
    probe: Probe
    persona: str
    status: int
    location: str
    wall: float
    cpu: float
    error: str = ""

    def describe(self) -> str:
        p = self.probe
        text = f"{p.method.upper()} {p.route} as {self.persona}, {p.where}={p.value}: {self.status}"
        return f"{text} ({self.error})" if self.error else text

    @property
    def off_site(self) -> bool:
        """A redirect that leaves the site: another host (``//evil.example``, which
        browsers also read in ``/\\evil.example``) or another scheme (``javascript:``)."""
        location = self.location.strip().replace("\\", "/")
        if not location:
            return False
        parts = urlsplit(location)
        return parts.scheme not in {"", "http", "https"} or parts.netloc not in {"", "testserver"}


@dataclass
class Matrix:
    """What the walk sent and got back."""

    outcomes: list[Outcome] = field(default_factory=list)
    routes: set[str] = field(default_factory=set)
    personas: set[str] = field(default_factory=set)

    @property
    def values(self) -> set[str]:
        return {o.probe.value for o in self.outcomes}

    @property
    def server_errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status >= 500]

    @property
    def off_site(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.off_site]

    def counts(self) -> dict[str, int]:
        return {
            "routes": len(self.routes),
            "personas": len(self.personas),
            "values": len(self.values),
            "requests": len(self.outcomes),
            "server_errors": len(self.server_errors),
            "off_site": len(self.off_site),
        }

    def summary(self) -> str:
        n = self.counts()
        return (
            f"{n['routes']} routes × {n['personas']} personas × {n['values']} value classes: "
            f"{n['requests']} requests, {n['server_errors']} answers ≥ 500, "
            f"{n['off_site']} redirects off the site"
        )


@contextmanager
def _reads() -> Iterator[set[str]]:
    """The names of the parameters read from ``request.GET`` / ``request.POST`` meanwhile."""
    names: set[str] = set()

    def recording(original: Callable[..., Any]) -> Callable[..., Any]:
        def read(self: QueryDict, key: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(key, str):
                names.add(key)
            return original(self, key, *args, **kwargs)

        return read

    with (
        mock.patch.object(QueryDict, "get", recording(QueryDict.get)),
        mock.patch.object(QueryDict, "getlist", recording(QueryDict.getlist)),
        mock.patch.object(QueryDict, "__getitem__", recording(QueryDict.__getitem__)),
        mock.patch.object(QueryDict, "__contains__", recording(QueryDict.__contains__)),
    ):
        yield names


@contextmanager
def server_errors() -> Iterator[list[str]]:
    """The exceptions the handler turns into 500s (``type: message``), and no log of them:
    the walk lists them itself."""
    seen: list[str] = []

    def note(sender: Any, **kwargs: Any) -> None:
        error = sys.exc_info()[1]
        seen.append(f"{type(error).__name__}: {str(error)[:200]}")

    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    got_request_exception.connect(note)
    try:
        yield seen
    finally:
        got_request_exception.disconnect(note)
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def send(client: Any, persona: str, probe: Probe, errors: list[str]) -> Outcome:
    """Send ``probe`` and time it: wall clock and CPU time of this process, which runs the
    whole request (the test client calls the application in process)."""
    extra = {"content_type": probe.content_type} if probe.content_type else {}
    del errors[:]
    started, cpu = time.perf_counter(), time.process_time()
    # A savepoint per request: a query that failed inside one (a 500) must not break the
    # transaction the rest of the walk runs in.
    with transaction.atomic():
        response = getattr(client, probe.method)(probe.url, probe.data, **extra)
        if response.streaming:
            b"".join(response.streaming_content)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    location = response.get("Location", "") if 300 <= response.status_code < 400 else ""
    return Outcome(probe, persona, response.status_code, location, wall, cpu, "; ".join(errors))


# --- the matrix --------------------------------------------------------------------------

Clients = Mapping[str, Callable[[], Any]]


def run(clients: Clients, routes: Mapping[str, Any], world: Any) -> Matrix:
    """Walk every named route × persona × hostile value. ``clients`` maps a persona to a
    maker of fresh clients signed in as it (each route gets a new one: a logout must not
    end the walk); ``routes`` is the isolation walk's ``ROUTES``, whose arguments and
    bodies are built from ``world``, region B's objects."""
    matrix = Matrix(personas=set(clients))
    declared = _api_query_parameters()
    unrouted: set[str] = set()
    with server_errors() as errors:
        for name, pattern in sorted(url_patterns().items()):
            matrix.routes.add(name)
            for persona, new_client in clients.items():
                client = new_client()

                def fire(probe: Probe, client: Any = client, persona: str = persona) -> Outcome:
                    outcome = send(client, persona, probe, errors)
                    matrix.outcomes.append(outcome)
                    return outcome

                walk = _RouteWalk(name, pattern, routes.get(name), world, declared, unrouted)
                walk.run(fire)
    return matrix


@dataclass(frozen=True)
class _Form:
    """How one route is sent by one method: its valid address and body (a dict, sent as
    a form or as JSON); ``probe`` puts values in the query and, for POST, in the body
    too — a view may read either."""

    route: str
    method: str
    url: str
    body: dict[str, Any]
    as_json: bool

    def probe(self, values: dict[str, str], value_class: str = "valid", where: str = "-") -> Probe:
        query = f"{self.url}?{urlencode(values)}" if values else self.url
        if self.method == "get":
            return Probe(self.route, self.method, query, value_class, where)
        data = {**self.body, **values}
        if self.as_json:
            return Probe(self.route, self.method, query, value_class, where, json.dumps(data),
                         "application/json")  # fmt: skip
        return Probe(self.route, self.method, query, value_class, where, data or None)


@dataclass
class _RouteWalk:
    """The requests for one route as one persona."""

    name: str
    pattern: URLPattern
    spec: Any
    world: Any
    declared: dict[tuple[str, str], set[str]]
    # Addresses no route matches: the resolver's 404 is the same for every persona and
    # method, so each is sent once (a tenth of the walk otherwise).
    unrouted: set[str]

    def run(self, fire: Callable[[Probe], Outcome]) -> None:
        arguments = list(self.pattern.pattern.regex.groupindex)
        kwargs = self.spec.kwargs(self.world) if self.spec is not None and self.spec.kwargs else {}
        url = reverse(self.name, kwargs=kwargs) if set(kwargs) >= set(arguments) else None
        template = _template(self.name, arguments)
        for method in ("get", "post"):
            for value_class, value in HOSTILE.items():
                for argument in arguments:
                    self._path(fire, method, kwargs, argument, value_class, value)
            if url is None:  # a route the isolation walk has not classified yet
                continue
            body: dict[str, Any] = {}
            if method == "post" and self.spec is not None and self.spec.post is not None:
                body = dict(self.spec.post(self.world))
            form = _Form(self.name, method, url, body, bool(body) and self.spec.json)
            with _reads() as read:
                fire(form.probe({}))
            parameters = sorted(read | self.declared.get((template, method), set()))
            for value_class, value in HOSTILE.items():
                self._parameters(fire, form, parameters, value_class, value)
            if method == "post":
                for value_class, (content_type, raw) in BODIES.items():
                    fire(Probe(self.name, method, url, value_class, "body", raw, content_type))

    def _path(
        self, fire, method: str, kwargs: dict[str, Any], argument: str, value_class: str, value: str
    ) -> None:
        url = _with_argument(self.name, kwargs, argument, value)
        if url is None:
            return
        try:
            resolve(urlsplit(url).path)
        except Resolver404:
            if url in self.unrouted:
                return
            self.unrouted.add(url)
        fire(Probe(self.name, method, url, value_class, f"path:{argument}"))

    def _parameters(
        self, fire, form: _Form, parameters: list[str], value_class: str, value: str
    ) -> None:
        """Every parameter at once first. A refusal by raising (400 for a parameter, 404 for
        a record) stops the view before it reads the rest, so then each is sent alone; a
        form refused as a whole (422) has checked every field and needs no more."""
        if not parameters:
            return
        if len(parameters) > 1:
            together = fire(form.probe(dict.fromkeys(parameters, value), value_class, "param:*"))
            if together.status not in STOPPED:
                return
        for parameter in parameters:
            fire(form.probe({parameter: value}, value_class, f"param:{parameter}"))
