"""The pages of a refused request (``handler400`` / ``handler404`` of the URL conf), in Russian.

They render the same ``400.html`` / ``404.html`` that Django's own handlers (and
``errorpages.StaffOnlyDebugPages`` in DEBUG) use, with the reason when there is one. A
request refused before the middleware ran (a bad ``Host``) has no user: the page then shows
the top bar of a visitor who has not signed in.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from protokol.core.params import BadParameter


def _page(request: HttpRequest, template: str, message: str, status: int) -> HttpResponse:
    body = render_to_string(template, {"message": message}, request=request)
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """400: a ``BadParameter`` says which parameter and why; any other refusal (a
    suspicious header, a broken upload) keeps its cause to the log."""
    if isinstance(exception, BadParameter):
        message = exception.message
    else:
        message = "Запрос не может быть обработан: проверьте адрес страницы или данные формы."
    return _page(request, "400.html", message, 400)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404: the same words whether the address is wrong or the record is not the user's
    (another region's record is simply absent)."""
    return _page(
        request,
        "404.html",
        "Такой страницы нет: проверьте адрес. Возможно, запись удалена или недоступна вам.",
        404,
    )
