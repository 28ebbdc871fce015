"""The REST API, version 1: ``/api/v1/`` with its schema (``openapi.json``) and docs."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.parser import Parser
from ninja.renderers import JSONRenderer

from protokol.api.auth import API_AUTH
from protokol.api.errors import install_handlers
from protokol.api.routes import assignments, journal, protocols, reference, reports
from protokol.core import bounded_json


class RussianJSON(JSONRenderer):
    # Cyrillic as UTF-8 text rather than \u escapes: readable in logs and curl output.
    json_dumps_params = {"ensure_ascii": False}


class BoundedJSONParser(Parser):
    """Request bodies within the ``json_depth`` budget: a deep one is a Russian 400."""

    def parse_body(self, request: HttpRequest) -> Any:
        return bounded_json.loads(request.body)


def private(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Every answer, errors and files included, is the caller's own: no shared cache
    (a proxy, a browser's disk) may keep it or hand it to another token's holder."""

    @wraps(run)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = run(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        patch_vary_headers(response, ["Authorization"])
        return response

    return answer


api = NinjaAPI(
    title="Протокол — API",
    version="1",
    description=(
        "Программный доступ к поручениям, исполнению и отчётам с теми же правами, что и в "
        "веб-интерфейсе: оператор региона видит только свой субъект РФ. Аутентификация — "
        "личный токен (`Authorization: Bearer <токен>`, выпускается на странице «Токены API»). "
        'Ошибки: `{"error": {"code": …, "message": …}}`.'
    ),
    auth=API_AUTH,
    urls_namespace="api-v1",
    renderer=RussianJSON(),
    docs=Swagger(settings={"persistAuthorization": False}),
    parser=BoundedJSONParser(),
)
install_handlers(api)
# "view" mode wraps the whole operation, authentication refusals included.
api.add_decorator(private, mode="view")
api.add_router("", reference.router)
api.add_router("", protocols.router)
api.add_router("", assignments.router)
api.add_router("", reports.router)
api.add_router("", journal.router)
