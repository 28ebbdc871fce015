"""Reports through the API: multipart with files and answers, ETag / If-Match, decisions."""

from __future__ import annotations

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from protokol.assignments.models import Assignment, Report

PDF = b"%PDF-1.4\n% report\n"


def _submit(client, assignment, headers=None, **fields):
    data = {"text": "Исполнено, приказ от 01.11.2024 № 15", **fields}
    return client.post(
        f"/api/v1/assignments/{assignment.pk}/reports", data, headers=headers, json=False
    )


def test_get_carries_the_version_as_etag(own, operator_a, api):
    response = api(operator_a).get(f"/api/v1/assignments/{own.pk}")
    assert response.status_code == 200
    assert response["ETag"] == f'"{own.version}"'
    assert response.json()["version"] == own.version
    assert "submit" in response.json()["actions"]


def test_a_report_with_files_is_submitted_and_the_new_etag_returned(own, operator_a, api):
    client = api(operator_a)
    etag = client.get(f"/api/v1/assignments/{own.pk}")["ETag"]
    response = _submit(
        client,
        own,
        headers={"If-Match": etag},
        files=[
            SimpleUploadedFile("приказ.pdf", PDF, "application/pdf"),
            SimpleUploadedFile("справка.pdf", PDF + b"2", "application/pdf"),
        ],
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "final" and body["number"] == 1
    assert sorted(f["filename"] for f in body["files"]) == ["приказ.pdf", "справка.pdf"]
    own.refresh_from_db()
    assert own.state == "submitted"
    assert response["ETag"] == f'"{own.version}"' != etag
    download = client.get(body["files"][0]["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_a_stale_if_match_is_refused_with_412_and_nothing_changes(own, operator_a, api):
    client = api(operator_a)
    stale = client.get(f"/api/v1/assignments/{own.pk}")["ETag"]
    assert client.post(f"/api/v1/assignments/{own.pk}/acknowledge").status_code == 200
    response = _submit(client, own, headers={"If-Match": stale})
    assert response.status_code == 412
    error = response.json()["error"]
    assert error["code"] == "changed_meanwhile"
    assert "изменен" in error["message"]
    assert not Report.objects.filter(assignment=own).exists()


def test_an_unparseable_if_match_never_matches(own, operator_a, api):
    response = api(operator_a).post(
        f"/api/v1/assignments/{own.pk}/acknowledge", headers={"If-Match": '"abc"'}
    )
    assert response.status_code == 412


def test_structured_answers_are_validated_against_the_template(published, operator_a, api):
    from protokol.protocols.report_template import TEMPLATE_PRESETS

    assignment = (
        Assignment.objects.filter(region_id="31", instruction__kind="mandatory")
        .order_by("pk")
        .first()
    )
    instruction = assignment.instruction
    instruction.report_template = TEMPLATE_PRESETS["quota"]["fields"]
    instruction.save()
    client = api(operator_a)
    bad = _submit(client, assignment, answers=json.dumps({"quota": "много"}))
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "invalid_answers"
    not_json = _submit(client, assignment, answers="{quota: 5")
    assert not_json.status_code == 422
    good = _submit(client, assignment, answers=json.dumps({"quota": 25, "completed": 20}))
    assert good.status_code == 201, good.content
    assert good.json()["answers"] == {"quota": 25, "completed": 20}


def test_a_disguised_executable_is_refused_as_422(own, operator_a, api):
    response = _submit(
        api(operator_a), own, files=[SimpleUploadedFile("отчёт.pdf", b"MZ\x90\x00evil")]
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_file"


def test_a_file_over_the_report_total_is_refused_as_422(own, operator_a, api, settings):
    settings.PROTOKOL_BUDGETS = {**settings.PROTOKOL_BUDGETS, "report_attachments_bytes": 1024}
    big = SimpleUploadedFile("скан.pdf", PDF + b"0" * 2048, "application/pdf")
    response = _submit(api(operator_a), own, files=[big])
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_file"
    assert "Вложения отчёта уже занимают 0 байт из 1024 байт" in response.json()["error"]["message"]
    assert not own.reports.exists()


def test_a_file_lists_the_warnings_the_curator_should_know(own, operator_a, curator, api):
    script = PDF + b"1 0 obj<</S/JavaScript/JS(app.alert\\(1\\))>>endobj\n"
    sent = _submit(
        api(operator_a), own, files=[SimpleUploadedFile("форма.pdf", script, "application/pdf")]
    )
    assert sent.status_code == 201, sent.content
    file = api(curator).get(f"/api/v1/reports/{sent.json()['id']}").json()["files"][0]
    assert file["warnings"] == ["javascript"]
    assert file["warning_labels"] == ["В PDF есть JavaScript — откройте с осторожностью"]


def test_the_curator_accepts_and_the_operator_may_not(own, operator_a, ministry_admin, api):
    report_id = _submit(api(operator_a), own).json()["id"]
    refused = api(operator_a).post(f"/api/v1/reports/{report_id}/accept", {"comment": ""})
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    admin = api(ministry_admin)
    etag = admin.get(f"/api/v1/assignments/{own.pk}")["ETag"]
    accepted = admin.post(
        f"/api/v1/reports/{report_id}/accept", {"comment": "Принято"}, headers={"If-Match": etag}
    )
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["decision"] == "accepted"
    own.refresh_from_db()
    assert own.state == "accepted"
    again = admin.post(f"/api/v1/reports/{report_id}/return", {"comment": "нет"})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "transition_refused"


def test_an_observer_cannot_report(own, observer, api):
    response = _submit(api(observer), own)
    assert response.status_code == 403


def test_extension_request_and_decision(own, operator_a, ministry_admin, api):
    import datetime as dt

    new_date = (max(own.due_date, dt.date.today()) + dt.timedelta(days=45)).isoformat()
    created = api(operator_a).post(
        f"/api/v1/assignments/{own.pk}/extension-requests",
        {"new_date": new_date, "reason": "Нужны данные статистики"},
    )
    assert created.status_code == 201, created.content
    request_id = created.json()["id"]
    listed = api(ministry_admin).get("/api/v1/extension-requests", {"decision": "pending"})
    assert [r["id"] for r in listed.json()["items"]] == [request_id]
    decided = api(ministry_admin).post(
        f"/api/v1/extension-requests/{request_id}/decision", {"approve": False, "comment": "Нет"}
    )
    assert decided.status_code == 200
    assert decided.json()["decision"] == "rejected"


def test_filters_by_state_due_dates_region_and_protocol(published, curator, api):
    client = api(curator)
    total = Assignment.objects.count()
    assert client.get("/api/v1/assignments").json()["count"] == total
    moscow = client.get("/api/v1/assignments", {"region": "77", "limit": 500}).json()
    assert moscow["count"] == Assignment.objects.filter(region_id="77").count()
    assert {row["region"] for row in moscow["items"]} == {"77"}
    due = Assignment.objects.exclude(due_date=None).order_by("due_date").first().due_date
    window = client.get(
        "/api/v1/assignments", {"due_from": due.isoformat(), "due_to": due.isoformat()}
    ).json()
    assert window["count"] == Assignment.objects.filter(due_date=due).count() > 0
    by_state = client.get("/api/v1/assignments", {"state": "accepted"}).json()
    assert by_state["count"] == 0
    by_protocol = client.get("/api/v1/assignments", {"protocol": published.pk}).json()
    assert by_protocol["count"] == total
    page = client.get("/api/v1/assignments", {"limit": 10, "offset": 10}).json()
    assert len(page["items"]) == 10 and page["count"] == total
