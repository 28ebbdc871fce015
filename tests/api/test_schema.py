"""The live OpenAPI schema, the docs page, and schemathesis run against both.

schemathesis generates requests for every operation of ``/api/v1/openapi.json`` (with an
operator's token, bounded examples) and checks that the server never fails (5xx) and
that every response — status, content type, headers, body — matches the schema.
"""

from __future__ import annotations

import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from protokol.assignments.models import Assignment

EXAMPLES_PER_OPERATION = 12
# A report's answers are checked against its instruction's own report template — data,
# not the schema — so a schema-valid submission may rightly be refused with 422.
DATA_DEPENDENT = {"POST /api/v1/assignments/{assignment_id}/reports"}


def test_the_schema_is_openapi_3_with_bearer_auth_and_error_responses(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    schemes = schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"} in schemes.values()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert {"401", "404", "422"} <= set(responses), (method, path)
            if method == "post":
                assert {"409", "412"} <= set(responses), (method, path)


def test_the_docs_page_loads_nothing_from_the_internet(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "swagger-ui-bundle.js" in page
    external = re.findall(r"""(?:src|href)=["'](https?://[^"']+)""", page)
    assert external == []


@pytest.fixture
def wsgi_app():
    """The project's WSGI application in this thread and this test's transaction.

    Django closes "old" connections at each request's start and end; inside a test
    transaction that would drop the transaction, so (as Django's own test client
    does) the handlers are detached for the duration.
    """
    from django.core.handlers.wsgi import WSGIHandler

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _exercise(operation, headers, excluded):
    """A hypothesis test of one operation: bounded, derandomised (the same cases each run)."""

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def exercise(case):
        response = case.call(headers=headers)
        case.validate_response(response, headers=headers, excluded_checks=excluded)

    return exercise


def test_schemathesis_finds_no_server_error_and_no_schema_violation(
    published, operator_a, api, wsgi_app
):
    token = api(operator_a).secret
    # The operator's region has rows, so list responses carry real data to validate.
    own = Assignment.objects.filter(region_id="31").order_by("pk")
    assert own.exists()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    headers = {"Authorization": f"Bearer {token}"}
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:
        excluded = [positive_data_acceptance] if operation.label in DATA_DEPENDENT else []
        try:
            _exercise(operation, headers, excluded)()
        except Exception as error:  # collect every operation's failure, then report
            failures.append(f"{operation.label}: {error}")
    assert failures == []
