"""Attachment budgets: one file, the report on an assignment (interim reports included),
the region's Moscow day — checked on the declared size, while streaming and under the lock."""

from __future__ import annotations

import datetime as dt
import html
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from protokol.assignments import attachments, reporting
from protokol.assignments.errors import FileRefused
from protokol.assignments.models import Assignment, Report, ReportFile
from tests.assignments.conftest import BELGOROD, MOSCOW
from tests.assignments.documents import MB, SpyUpload, pdf_of, upload
from tests.factories import make_instruction, make_protocol

MOSCOW_TIME = ZoneInfo("Europe/Moscow")


@pytest.fixture(autouse=True)
def budgets(settings):
    """Small budgets, in megabytes: a file 2, a report 5, a region's day 8."""
    settings.PROTOKOL_BUDGETS = {
        **settings.PROTOKOL_BUDGETS,
        "attachment_bytes": 2 * MB,
        "report_attachments_bytes": 5 * MB,
        "region_daily_upload_bytes": 8 * MB,
    }


@pytest.fixture
def working(db, curator):
    """``working(region, count)`` → that many assignments of the region, in progress."""

    def make(region: str = BELGOROD, count: int = 1) -> list[Assignment]:
        protocol = make_protocol()
        assignments = []
        for n in range(count):
            instruction = make_instruction(
                protocol, position=n, code=f"V.{n + 1}", regions=[region], curator=curator
            )
            assignment = instruction.assignments.get()
            assignment.state = Assignment.State.IN_PROGRESS
            assignment.save(update_fields=["state"])
            assignments.append(assignment)
        return assignments

    return make


def send(assignment, user, *sizes_mb: float, kind=Report.Kind.INTERIM, names=None) -> Report:
    files = [
        upload((names or {}).get(n, f"Файл {n + 1}.pdf"), pdf_of(int(size * MB)))
        for n, size in enumerate(sizes_mb)
    ]
    return reporting.submit_report(assignment, user, text="Отчёт", files=files, kind=kind)


def test_the_report_total_counts_the_files_of_interim_reports(working, operator_a):
    [assignment] = working()
    send(assignment, operator_a, 2, 2)  # interim: 4 MB of the report's 5
    with pytest.raises(FileRefused) as refused:
        send(assignment, operator_a, 2, kind=Report.Kind.FINAL, names={0: "Приказ.pdf"})
    assert refused.value.message.startswith(
        "Вложения отчёта уже занимают 4 МБ из 5 МБ; файл «Приказ.pdf» (2 МБ) не помещается."
    )
    assert assignment.reports.count() == 1
    assert send(assignment, operator_a, 1, kind=Report.Kind.FINAL).files.count() == 1


def test_files_that_fit_one_by_one_but_not_together_are_refused(working, operator_a):
    [assignment] = working()
    with pytest.raises(FileRefused, match=r"уже занимают 4 МБ из 5 МБ; файл «Файл 3\.pdf»"):
        send(assignment, operator_a, 2, 2, 2)
    assert not ReportFile.objects.exists()


def test_a_version_returned_for_rework_does_not_count(working, operator_a, curator):
    [assignment] = working()
    returned = send(assignment, operator_a, 2, 2, kind=Report.Kind.FINAL)
    reporting.return_report(returned, curator, comment="Нет подписи")
    corrected = send(assignment, operator_a, 2, 2, kind=Report.Kind.FINAL)
    assert corrected.files.count() == 2
    assert attachments.report_bytes(assignment) == 4 * MB


def test_a_declared_size_over_the_report_total_is_refused_without_reading(working, operator_a):
    [assignment] = working()
    send(assignment, operator_a, 2, 2)
    spy = SpyUpload("Скан.pdf", pdf_of(MB), declared=2 * MB, untouchable=True)
    with pytest.raises(FileRefused, match=r"уже занимают 4 МБ из 5 МБ; файл «Скан\.pdf» \(2 МБ\)"):
        reporting.submit_report(assignment, operator_a, text="Скан", files=[spy])


def test_a_file_larger_than_it_declares_is_stopped_while_streaming(working, operator_a, settings):
    [assignment] = working()
    send(assignment, operator_a, 2, 2)
    liar = SpyUpload("Скан.pdf", pdf_of(2 * MB), declared=1000)
    with pytest.raises(FileRefused, match="уже занимают 4 МБ из 5 МБ"):
        reporting.submit_report(assignment, operator_a, text="Скан", files=[liar])
    # Reading stopped at the first chunk past the 1 MB left, and nothing of it was kept.
    assert len(liar.reads) <= MB // attachments.CHUNK + 1
    assert not list(settings.MEDIA_ROOT.glob(f"{attachments.INCOMING}/*"))
    assert ReportFile.objects.count() == 2


def test_the_totals_are_checked_again_under_the_lock(working, operator_a):
    [assignment] = working()
    staged = attachments.receive(assignment, [upload("Скан.pdf", pdf_of(2 * MB))])
    send(assignment, operator_a, 2, 2)  # a colleague's report got in meanwhile
    report = Report.objects.create(assignment=assignment, number=9, submitted_by=operator_a)
    with pytest.raises(FileRefused, match="уже занимают 4 МБ из 5 МБ"):
        attachments.attach(report, staged)
    attachments.discard(staged)


def _moscow(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2025, 3, day, hour, minute, tzinfo=MOSCOW_TIME)


def test_the_region_daily_quota_stops_uploads_until_the_next_moscow_day(
    working, operator_a, operator_b
):
    first, second, third = working(BELGOROD, 3)
    [moscow] = working(MOSCOW)
    with time_machine.travel(_moscow(3, 23, 30), tick=False):
        send(first, operator_a, 2, 2)
        send(second, operator_a, 2, 2)  # 8 MB: the region's day is full
        with pytest.raises(FileRefused) as refused:
            send(third, operator_a, 1, names={0: "Протокол.pdf"})
        assert refused.value.message == (
            "Регион сегодня загрузил 8 МБ — это суточный предел; файл «Протокол.pdf» (1 МБ) "
            "не помещается. Файлы можно будет приложить завтра (по московскому времени)."
        )
        # Another region's day is its own.
        assert send(moscow, operator_b, 2).files.count() == 1
    # 00:10 in Moscow is still the same day in UTC: the quota follows Moscow's calendar.
    with time_machine.travel(_moscow(4, 0, 10), tick=False):
        assert send(third, operator_a, 1).files.get().uploaded_on == dt.date(2025, 3, 4)


def test_the_quota_message_says_what_is_left_of_the_day(working, operator_a):
    first, second, third = working(BELGOROD, 3)
    send(first, operator_a, 2, 2)
    send(second, operator_a, 2, 1)
    with pytest.raises(FileRefused) as refused:
        send(third, operator_a, 2, names={0: "Фото.pdf"})
    assert refused.value.message.startswith(
        "Регион сегодня загрузил 7 МБ из суточного предела 8 МБ, осталось 1 МБ; "
        "файл «Фото.pdf» (2 МБ) не помещается."
    )


def test_a_refused_report_keeps_the_text_typed_and_the_files_sent_before(
    working, operator_a, login, settings
):
    [assignment] = working()
    earlier = send(assignment, operator_a, 2, 2).files.first()
    assignment.refresh_from_db()
    response = login(operator_a).post(
        reverse("assignments:act", args=[assignment.pk, "submit"]),
        {
            "version": assignment.version,
            "text": "Руководитель ЦОПП назначен приказом № 123.",
            "files": [upload("Приказ.pdf", pdf_of(2 * MB))],
        },
    )
    assert response.status_code == 422
    body = html.unescape(response.content.decode())
    assert "Руководитель ЦОПП назначен приказом № 123." in body
    assert "уже занимают 4 МБ из 5 МБ" in body
    assert assignment.reports.count() == 1
    assert ReportFile.objects.get(pk=earlier.pk).file.storage.exists(earlier.file.name)


def test_the_report_form_states_the_limits(working, operator_a, login):
    [assignment] = working()
    body = login(operator_a).get(reverse("assignments:detail", args=[assignment.pk]))
    assert (
        "Файл — до 2 МБ, все файлы отчёта вместе с промежуточными — до 5 МБ."
        in body.content.decode()
    )
