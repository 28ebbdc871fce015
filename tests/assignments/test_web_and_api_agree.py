"""The assignment page, the curator's desk and the API meet the same rules, because they
call the same life-cycle functions: the optimistic version check (a hidden ``version`` on
the page, ``If-Match`` in the API) on every change including the curator's decisions,
and the attachment rules of ``assignments.attachments`` with the same words."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from protokol.api.tokens import issue_token
from protokol.assignments.models import Assignment, ExtensionRequest, Report

SIDES = ["web", "api"]


class Sides:
    """One action done through the page (a signed-in browser) or the API (a token)."""

    def __init__(self, user, side: str) -> None:
        self.side = side
        self.client = Client()
        if side == "web":
            self.client.force_login(user)
            self.headers: dict[str, str] = {}
        else:
            self.headers = {"Authorization": f"Bearer {issue_token(user, 'тесты').secret}"}

    def decide_report(self, report: Report, decision: str, version: int, comment: str = ""):
        if self.side == "web":
            url = reverse("assignments:report_decide", args=[report.pk])
            data = {"decision": decision, "comment": comment, "version": version}
            return self.client.post(url, data)
        return self.client.post(
            f"/api/v1/reports/{report.pk}/{decision}",
            {"comment": comment},
            content_type="application/json",
            headers={**self.headers, "If-Match": f'"{version}"'},
        )

    def decide_extension(self, extension: ExtensionRequest, version: int):
        if self.side == "web":
            url = reverse("assignments:extension_decide", args=[extension.pk])
            return self.client.post(url, {"decision": "approve", "version": version})
        return self.client.post(
            f"/api/v1/extension-requests/{extension.pk}/decision",
            {"approve": True},
            content_type="application/json",
            headers={**self.headers, "If-Match": f'"{version}"'},
        )

    def submit(self, assignment: Assignment, files: list[SimpleUploadedFile]):
        data = {"text": "Исполнено.", "files": files}
        if self.side == "web":
            url = reverse("assignments:act", args=[assignment.pk, "submit"])
            return self.client.post(url, {**data, "version": assignment.version})
        return self.client.post(
            f"/api/v1/assignments/{assignment.pk}/reports", data, headers=self.headers
        )

    def message(self, response) -> str:
        if self.side == "web":
            return html.unescape(response.content.decode())
        return response.json()["error"]["message"]


@pytest.mark.parametrize("side", SIDES)
def test_a_decision_on_a_stale_page_is_refused_on_both_sides(assignment_in, curator, side):
    submitted = assignment_in("submitted")
    report = submitted.reports.get()
    seen = submitted.version
    Assignment.objects.filter(pk=submitted.pk).update(version=seen + 1)  # someone acted
    response = Sides(curator, side).decide_report(report, "accept", seen)
    assert response.status_code == (409 if side == "web" else 412)
    assert "изменено другим пользователем" in Sides(curator, side).message(response)
    submitted.refresh_from_db()
    assert submitted.state == Assignment.State.SUBMITTED
    assert not Report.objects.get(pk=report.pk).decision


@pytest.mark.parametrize("side", SIDES)
def test_a_decision_on_the_current_version_is_taken_on_both_sides(assignment_in, curator, side):
    submitted = assignment_in("submitted")
    report, seen = submitted.reports.get(), submitted.version
    response = Sides(curator, side).decide_report(
        report, "return", seen, comment="Приложите приказ."
    )
    assert response.status_code in {200, 302}
    submitted.refresh_from_db()
    assert submitted.state == Assignment.State.RETURNED
    assert submitted.version == seen + 1


@pytest.mark.parametrize("side", SIDES)
def test_an_extension_decided_on_a_stale_page_stays_pending(
    assignment_in, operator_a, curator, side
):
    working = assignment_in("in_progress")
    extension = ExtensionRequest.objects.create(
        assignment=working,
        requested_date=dt.date(2025, 2, 3),
        previous_due_date=working.due_date,
        reason="каникулы",
        requested_by=operator_a,
    )
    Sides(curator, side).decide_extension(extension, working.version - 1)
    extension.refresh_from_db()
    assert extension.decision == ExtensionRequest.Decision.PENDING
    Sides(curator, side).decide_extension(extension, working.version)
    extension.refresh_from_db()
    assert extension.decision == ExtensionRequest.Decision.APPROVED


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("пусто.pdf", b"", "Файл «пусто.pdf» пуст."),
        ("отчёт.pdf", b"MZ\x90\x00evil", "по содержимому это не документ допустимого формата"),
    ],
)
def test_a_refused_file_is_refused_in_the_same_words_on_both_sides(
    assignment_in, operator_a, side, name, data, words
):
    working = assignment_in("in_progress")
    sides = Sides(operator_a, side)
    response = sides.submit(working, [SimpleUploadedFile(name, data, "application/pdf")])
    assert response.status_code == 422
    assert words in sides.message(response)
    if side == "api":
        assert response.json()["error"]["code"] == "invalid_file"
    assert not working.reports.exists()


def test_the_desk_and_the_assignment_page_send_the_version_with_a_decision(
    assignment_in, curator, login
):
    submitted = assignment_in("submitted")
    Assignment.objects.filter(pk=submitted.pk).update(version=7)
    client = login(curator)
    for page in (reverse("assignments:desk"), reverse("assignments:detail", args=[submitted.pk])):
        body = client.get(page).content.decode()
        # The decision form: from its action (…/reports/<pk>/decide/) to its end.
        decision_form = body[body.index("/decide/") :].split("</form>")[0]
        assert 'name="version" value="7"' in decision_form, page
