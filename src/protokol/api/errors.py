"""One JSON shape for every refusal: ``{"error": {"code": "...", "message": "..."}}``.

Messages are Russian sentences for the person behind the program; ``code`` is stable
for the program itself. ``details`` (validation only) says which parameter was wrong.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from protokol.core.bounded_json import JsonTooDeep
from protokol.core.budgets import megabytes
from protokol.core.errorpages import log_failure, shows_debug_page


class ErrorBody(Schema):
    code: str
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorOut(Schema):
    error: ErrorBody


class ApiError(Exception):
    """Raised by endpoints; becomes a response with ``status`` and the shared shape."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


# Declared on every operation so the OpenAPI schema lists what a client may receive.
READ_ERRORS: dict[int, type[Schema]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
}
WRITE_ERRORS: dict[int, type[Schema]] = {
    **READ_ERRORS,
    409: ErrorOut,
    412: ErrorOut,
    413: ErrorOut,
}

_DEFAULT_MESSAGES = {
    400: ("bad_request", "Некорректный запрос: тело не удалось разобрать (ожидается JSON)."),
    401: ("unauthorized", "Нужен токен API: заголовок «Authorization: Bearer <токен>»."),
    403: ("forbidden", "Действие недоступно для вашей роли."),
    404: ("not_found", "Объект не найден или недоступен вам."),
    405: ("method_not_allowed", "Метод не поддерживается."),
    409: ("conflict", "Действие невозможно в текущем состоянии."),
    412: ("changed_meanwhile", "Запись изменена другим пользователем: обновите данные."),
    413: ("too_large", "Запрос слишком велик."),
    422: ("validation", "Неверные параметры запроса."),
    429: ("throttled", "Слишком много запросов, повторите позже."),
    500: (
        "server_error",
        "Внутренняя ошибка сервера. Ошибка записана в журнал; повторите запрос позже, а если "
        "она повторяется, сообщите администратору системы.",
    ),
}


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str | None = None,
    message: str | None = None,
    details: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    default_code, default_message = _DEFAULT_MESSAGES.get(status, ("error", "Ошибка."))
    body: dict[str, Any] = {"code": code or default_code, "message": message or default_message}
    if details is not None:
        body["details"] = details
    response = api.create_response(request, {"error": body}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="protokol"'
    return response


def _validation_details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pydantic's errors without the echoed input (it may be a whole uploaded file)."""
    details = []
    for error in errors:
        # ninja prefixes the location with the parameter source ("query", "body", …).
        location = [str(part) for part in error.get("loc", ())]
        details.append({"location": location, "type": str(error.get("type", ""))})
    return details


def _validation_message(details: list[dict[str, Any]]) -> str:
    names = []
    for detail in details:
        name = detail["location"][-1] if detail["location"] else ""
        if name and name not in names:
            names.append(name)
    if not names:
        return "Неверные параметры запроса."
    listed = ", ".join(f"«{name}»" for name in names)
    return f"Неверные параметры запроса: проверьте {listed}."


def install_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return error_response(api, request, exc.status, exc.code, exc.message)

    @api.exception_handler(ValidationError)
    def on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = _validation_details(list(exc.errors))
        return error_response(
            api, request, 422, "validation", _validation_message(details), details
        )

    @api.exception_handler(DjangoValidationError)
    def on_django_validation(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return error_response(api, request, 422, "validation", " ".join(exc.messages))

    @api.exception_handler(AuthenticationError)
    def on_authentication(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return error_response(api, request, 401)

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if isinstance(exc.__cause__, JsonTooDeep):
            # ninja wraps whatever the body parser raised (api.v1.BoundedJSONParser).
            return error_response(api, request, 400, "json_too_deep", str(exc.__cause__))
        # ninja's own messages are English; the status decides the Russian text.
        return error_response(api, request, exc.status_code)

    @api.exception_handler(MultiPartParserError)
    def on_broken_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        message = (
            "Тело запроса multipart/form-data не удалось разобрать: проверьте заголовок "
            "Content-Type (параметр boundary) и границы частей."
        )
        return error_response(api, request, 400, "bad_multipart", message)

    @api.exception_handler(RequestDataTooBig)
    def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        limit = megabytes(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        message = f"Запрос слишком велик: тело JSON или поля формы без файлов больше {limit}."
        return error_response(api, request, 413, "too_large", message)

    @api.exception_handler(SuspiciousOperation)
    def on_suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
            message = "Некорректный запрос: слишком много полей или файлов в форме."
        else:
            message = "Некорректный запрос: сервер отказался его обрабатывать."
        return error_response(api, request, 400, "bad_request", message)

    @api.exception_handler(Exception)
    def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        if shows_debug_page(request):
            raise exc  # a developer on make run: Django's debug page
        # ninja would show the traceback as text when DEBUG is on, to anyone.
        response = error_response(api, request, 500)
        log_failure(request, response, exc)
        return response

    @api.exception_handler(Http404)
    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return error_response(api, request, 404)

    @api.exception_handler(PermissionDenied)
    def on_permission(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) or None
        return error_response(api, request, 403, "forbidden", message)
