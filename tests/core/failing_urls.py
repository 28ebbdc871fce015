"""The project's URLs plus views that fail, for the error-page tests (tests/core/test_errorpages.py)."""

from __future__ import annotations

from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from protokol.project.urls import urlpatterns as project_urlpatterns


def broken(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("секрет из локальных переменных")


def missing(request: HttpRequest) -> HttpResponse:
    raise Http404("нет такого")


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("подозрительный запрос")


urlpatterns = [
    path("test-failures/broken/", broken),
    path("test-failures/missing/", missing),
    path("test-failures/suspicious/", suspicious),
    *project_urlpatterns,
]
