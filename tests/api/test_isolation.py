"""A region A token can neither read nor change anything of region B (DESIGN.md §2).

Белгородская область (31) is region A, Москва (77) region B. Lists never show B's rows
(not even when filtered by B), B's objects are "not found" (404) for reading and for
every write, and B's data is unchanged afterwards.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from protokol.assignments import extensions, reporting
from protokol.assignments.models import Assignment, ExtensionRequest, Report
from protokol.core.models import Event
from protokol.notifications.models import Notification

PDF = b"%PDF-1.4\n% test\n"


@pytest.fixture
def region_b(published, operator_b):
    """Moscow's activity: a report with a file, an extension request, a comment."""
    assignments = Assignment.objects.filter(
        region_id="77", instruction__kind="mandatory", due_date__isnull=False
    ).order_by("pk")
    reported, extended = assignments[0], assignments[1]
    report = reporting.submit_report(
        reported,
        operator_b,
        text="Отчёт Москвы",
        files=[SimpleUploadedFile("moscow.pdf", PDF, "application/pdf")],
    )
    extension = extensions.request_extension(
        extended,
        operator_b,
        new_date=max(extended.due_date, dt.date.today()) + dt.timedelta(days=60),
        reason="Москва просит перенести",
    )
    reporting.add_comment(extended, operator_b, "Комментарий Москвы")
    Notification.objects.create(
        recipient=operator_b, kind="reminder", subject="Москве", body="Москве", region_id="77"
    )
    return {
        "reported": reported,
        "extended": extended,
        "report": report,
        "file": report.files.get(),
        "extension": extension,
        "notification": Notification.objects.filter(recipient=operator_b).first(),
    }


LISTS = [
    "/api/v1/regions",
    "/api/v1/assignments",
    "/api/v1/reports",
    "/api/v1/extension-requests",
    "/api/v1/events",
    "/api/v1/notifications",
]


def _moscow_rows(path: str, items: list[dict]) -> list[dict]:
    keys = {
        "/api/v1/regions": lambda row: row["code"] == "77",
        "/api/v1/assignments": lambda row: row["region"] == "77",
        "/api/v1/events": lambda row: row["region_code"] == "77",
    }
    moscow_assignments = set(Assignment.objects.filter(region_id="77").values_list("pk", flat=True))
    test = keys.get(path, lambda row: row.get("assignment_id") in moscow_assignments)
    return [row for row in items if test(row) or "Москв" in str(row)]


@pytest.mark.parametrize("path", LISTS)
def test_lists_show_none_of_region_bs_rows(path, region_b, operator_a, api):
    client = api(operator_a)
    for params in ({"limit": 500}, {"limit": 500, "region": "77"}):
        response = client.get(path, params)
        assert response.status_code == 200, response.content
        assert _moscow_rows(path, response.json()["items"]) == []


def test_the_ministry_sees_both_regions(region_b, curator, api):
    client = api(curator)
    assert client.get("/api/v1/assignments", {"region": "77"}).json()["count"] > 0
    assert client.get("/api/v1/reports", {"region": "77"}).json()["count"] == 1
    assert client.get("/api/v1/regions").json()["count"] == 89


def test_region_a_sees_its_own_rows(region_b, operator_a, api):
    client = api(operator_a)
    assignments = client.get("/api/v1/assignments", {"limit": 500}).json()
    assert assignments["count"] == Assignment.objects.filter(region_id="31").count() > 0
    assert {row["region"] for row in assignments["items"]} == {"31"}
    assert [r["code"] for r in client.get("/api/v1/regions").json()["items"]] == ["31"]


def _reads(b):
    return [
        "/api/v1/regions/77",
        f"/api/v1/assignments/{b['reported'].pk}",
        f"/api/v1/assignments/{b['extended'].pk}/comments",
        f"/api/v1/reports/{b['report'].pk}",
        f"/api/v1/reports/{b['report'].pk}/files/{b['file'].pk}",
        f"/api/v1/extension-requests/{b['extension'].pk}",
    ]


def test_region_bs_objects_are_not_found(region_b, operator_a, api):
    client = api(operator_a)
    for path in _reads(region_b):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json() == {
            "error": {"code": "not_found", "message": "Объект не найден или недоступен вам."}
        }


def test_region_b_cannot_be_changed(region_b, operator_a, api):
    b = region_b
    client = api(operator_a)
    before_events = Event.objects.count()
    before = {
        pk: (state, version)
        for pk, state, version in Assignment.objects.filter(region_id="77").values_list(
            "pk", "state", "version"
        )
    }
    writes = [
        (f"/api/v1/assignments/{b['reported'].pk}/acknowledge", {}),
        (f"/api/v1/assignments/{b['extended'].pk}/start", {}),
        (f"/api/v1/assignments/{b['extended'].pk}/not-applicable", {"justification": "нет"}),
        (f"/api/v1/assignments/{b['extended'].pk}/comments", {"text": "чужой"}),
        (
            f"/api/v1/assignments/{b['reported'].pk}/extension-requests",
            {"new_date": "2030-01-10", "reason": "чужой"},
        ),
        (f"/api/v1/reports/{b['report'].pk}/accept", {"comment": ""}),
        (f"/api/v1/reports/{b['report'].pk}/return", {"comment": "чужой"}),
        (f"/api/v1/extension-requests/{b['extension'].pk}/decision", {"approve": True}),
        (f"/api/v1/notifications/{b['notification'].pk}/read", {}),
    ]
    for path, body in writes:
        response = client.post(path, body)
        assert response.status_code == 404, (path, response.content)
    upload = client.post(
        f"/api/v1/assignments/{b['extended'].pk}/reports",
        {"text": "чужой отчёт", "files": SimpleUploadedFile("a.pdf", PDF)},
        json=False,
    )
    assert upload.status_code == 404
    assert Event.objects.count() == before_events
    assert Report.objects.filter(assignment__region_id="77").count() == 1
    assert ExtensionRequest.objects.get().decision == "pending"
    assert Notification.objects.get(pk=b["notification"].pk).read_at is None
    after = {
        pk: (state, version)
        for pk, state, version in Assignment.objects.filter(region_id="77").values_list(
            "pk", "state", "version"
        )
    }
    assert after == before


def test_a_protocol_not_addressed_to_region_a_is_invisible(published_elsewhere, operator_a, api):
    client = api(operator_a)
    protocol = published_elsewhere
    instruction = protocol.instructions.first()
    assert client.get("/api/v1/protocols").json() == {"items": [], "count": 0}
    assert client.get("/api/v1/instructions").json() == {"items": [], "count": 0}
    assert client.get(f"/api/v1/protocols/{protocol.pk}").status_code == 404
    assert client.get(f"/api/v1/instructions/{instruction.pk}").status_code == 404
    listed = client.get("/api/v1/assignments", {"protocol": protocol.pk}).json()
    assert listed == {"items": [], "count": 0}
