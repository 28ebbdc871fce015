"""Every list endpoint runs a constant number of queries, however many rows it returns.

Measured with a page of 2 rows and a page of 200 (or every row there is): the counts are
equal. The first call of a token records its last use (one UPDATE), so it is made first.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from protokol.assignments import extensions, reporting
from protokol.assignments.models import Assignment
from protokol.notifications.models import Notification

# Token lookup + count + page (+ one prefetch per to-many relation the rows carry).
EXPECTED = {
    "/api/v1/regions": 3,
    "/api/v1/protocols": 3,
    "/api/v1/instructions": 3,
    "/api/v1/assignments": 4,  # + extension requests (for the allowed actions)
    "/api/v1/reports": 4,  # + files
    "/api/v1/extension-requests": 3,
    "/api/v1/events": 3,
    "/api/v1/notifications": 3,
}


@pytest.fixture
def busy(published, operator_a, ministry_admin):
    """Several reports (with files), extension requests and notifications of region 31."""
    own = Assignment.objects.filter(
        region_id="31", instruction__kind="mandatory", due_date__isnull=False
    ).order_by("pk")
    for number, assignment in enumerate(own[:4]):
        reporting.submit_report(
            assignment,
            operator_a,
            text=f"Отчёт {number}",
            files=[SimpleUploadedFile(f"{number}.pdf", b"%PDF-1.4\n", "application/pdf")],
        )
    for assignment in own[4:7]:
        extensions.request_extension(
            assignment,
            operator_a,
            new_date=max(assignment.due_date, dt.date.today()) + dt.timedelta(days=40),
            reason="Нужно время",
        )
    for number in range(5):
        Notification.objects.create(
            recipient=ministry_admin, kind="digest", subject=f"Сводка {number}", body="…"
        )


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_a_list_runs_a_constant_number_of_queries(
    path, busy, ministry_admin, api, django_assert_num_queries
):
    client = api(ministry_admin)
    client.get(path)
    for limit in (2, 200):
        with django_assert_num_queries(EXPECTED[path]):
            response = client.get(path, {"limit": limit})
        assert response.status_code == 200
        assert len(response.json()["items"]) == min(limit, response.json()["count"])
        # One protocol only (the sample); every other list has rows beyond the small page.
        assert response.json()["count"] >= (1 if path == "/api/v1/protocols" else 3)
