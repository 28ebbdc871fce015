"""Life-cycle notices: to the region's operators or to the curator, never to another region."""

from __future__ import annotations

import datetime as dt

from protokol.notifications import events
from protokol.notifications.models import Notification


def test_a_decision_on_a_report_tells_only_that_region(controlled, operators, curator):
    from protokol.assignments.models import Report

    operator_a, operator_b = operators
    assignment, _ = controlled(dt.date(2026, 12, 10))
    report = Report.objects.create(
        assignment=assignment,
        number=1,
        text="Исполнено.",
        submitted_by=operator_a,
        decision=Report.Decision.RETURNED,
        decision_comment="Приложите копию приказа.",
        decided_by=curator,
    )
    events.report_decided(report)
    (notice,) = Notification.objects.all()
    assert notice.recipient == operator_a and notice.region_id == "31"
    assert notice.kind == "returned"
    assert "возвращён на доработку" in notice.subject
    assert "Приложите копию приказа." in notice.body
    assert not Notification.objects.filter(recipient=operator_b).exists()


def test_a_submitted_report_and_an_extension_request_go_to_the_curator(
    controlled, operators, curator
):
    from protokol.assignments.models import ExtensionRequest, Report

    operator_a, _ = operators
    assignment, _ = controlled(dt.date(2026, 12, 10))
    report = Report.objects.create(assignment=assignment, number=1, submitted_by=operator_a)
    events.report_submitted(report)
    request = ExtensionRequest.objects.create(
        assignment=assignment,
        requested_date=dt.date(2026, 12, 24),
        reason="Приказ на согласовании.",
        requested_by=operator_a,
    )
    events.extension_requested(request)
    request.decision = ExtensionRequest.Decision.APPROVED
    events.extension_decided(request)
    kinds = list(Notification.objects.order_by("id").values_list("recipient__username", "kind"))
    assert kinds == [
        ("curator", "submitted"),
        ("curator", "extension_requested"),
        ("belgorod", "extension_decided"),
    ]
    decided = Notification.objects.get(kind="extension_decided")
    assert "24 декабря 2026 г." in decided.body and "согласован" in decided.subject
