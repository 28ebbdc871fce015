"""Helpers every endpoint uses: the caller, scoped lookups, ETag / If-Match, bounded
parameter types, and the life-cycle refusals mapped to HTTP statuses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from pydantic import Field, StringConstraints

from protokol.api.errors import ApiError
from protokol.assignments.answers import AnswersInvalid
from protokol.assignments.errors import (
    ActionForbidden,
    ChangedMeanwhile,
    FileRefused,
    TransitionRefused,
)

M = TypeVar("M", bound=Model)


def caller(request: HttpRequest) -> Any:
    """The authenticated user (token or session), set by the auth classes."""
    return request.auth  # type: ignore[attr-defined]


def get_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    """One row of an already scoped queryset; another region's row is simply absent."""
    found = queryset.filter(**lookup).first()
    if found is None:
        raise ApiError(404, "not_found", "Объект не найден или недоступен вам.")
    return found


def etag(version: int) -> str:
    return f'"{version}"'


_TAG = re.compile(r'^(?:W/)?"?([^",]*)"?$')


def if_match_version(request: HttpRequest) -> int | None:
    """The assignment version the client last saw, from ``If-Match``; None when absent.

    A value that is not one of our tags can never match: the write is refused with 412.
    """
    header = request.headers.get("If-Match")
    if header is None or header.strip() in {"", "*"}:
        return None
    for candidate in header.split(","):
        match = _TAG.match(candidate.strip())
        if match and match.group(1).isdigit() and len(match.group(1)) < 12:
            return int(match.group(1))
    raise stale()


def stale() -> ApiError:
    return ApiError(
        412,
        "changed_meanwhile",
        "Запись изменена другим пользователем после того, как вы её получили "
        "(не совпадает If-Match): запросите её снова и повторите действие.",
    )


@contextmanager
def lifecycle_errors() -> Iterator[None]:
    """The life-cycle services' refusals as API errors: not allowed 403, stale version
    412, invalid answers or files 422, any other refused transition 409. The web pages
    call the same services and so meet the same rules (``assignments.views``)."""
    try:
        yield
    except ActionForbidden as error:
        raise ApiError(403, "forbidden", _message(error)) from error
    except ChangedMeanwhile as error:
        raise ApiError(412, "changed_meanwhile", _message(error)) from error
    except AnswersInvalid as error:
        raise ApiError(422, "invalid_answers", _message(error)) from error
    except FileRefused as error:
        raise ApiError(422, "invalid_file", _message(error)) from error
    except TransitionRefused as error:
        raise ApiError(409, "transition_refused", _message(error)) from error


def _message(error: Exception) -> str:
    return str(getattr(error, "message", "") or error)


def with_etag(response: HttpResponse, version: int) -> None:
    response["ETag"] = etag(version)


# Parameter types with bounds the database can hold: an id wider than a 64-bit integer or
# a string with a NUL byte would otherwise reach the driver and fail there (found by
# schemathesis), so they are refused as 422 at the edge.
MAX_ID = 2**63 - 1
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]
RegionCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{2}$")]
Word = Annotated[str, StringConstraints(max_length=100, pattern=r"^[^\x00]*$")]
Text = Annotated[str, StringConstraints(max_length=20000, pattern=r"^[^\x00]*$")]
