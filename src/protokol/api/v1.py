"""The REST API, version 1: ``/api/v1/`` with its schema (``openapi.json``) and docs."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.renderers import JSONRenderer

from protokol.api.auth import API_AUTH
from protokol.api.errors import install_handlers
from protokol.api.routes import assignments, journal, protocols, reference, reports


class RussianJSON(JSONRenderer):
    # Cyrillic as UTF-8 text rather than \u escapes: readable in logs and curl output.
    json_dumps_params = {"ensure_ascii": False}


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
)
install_handlers(api)
api.add_router("", reference.router)
api.add_router("", protocols.router)
api.add_router("", assignments.router)
api.add_router("", reports.router)
api.add_router("", journal.router)
