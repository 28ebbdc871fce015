from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_department_sees_open_overdue_and_queues(executed, curator, login):
    from protokol.assignments.models import Assignment

    response = login(curator).get(reverse("dashboards:department"))
    board = response.context["board"]
    # The sample's one recommendation (to all 89 regions) is open but never overdue.
    recommended = Assignment.objects.filter(instruction__kind="recommendation")
    assert recommended.values("instruction").distinct().count() == 1
    assert recommended.count() == 89
    assert board.open_instructions == 19
    assert board.overdue_instructions == 19 - 1
    assert board.awaiting_review == 3
    assert board.open_assignments == 1550 - 2
    # Accepted (2) and submitted (3) ones are not overdue either.
    assert board.overdue_assignments == 1550 - 2 - 3 - 89
    assert board.due_this_week == 0
    assert [(q["instruction__curator_id"], q["n"]) for q in board.queues] == [(curator.pk, 3)]
    assert len(board.submitted_by_week) == 12
    assert board.submitted_by_week[-1][1] == 6  # the fixture's reports of this week
    protocol, counts = board.protocols[0]
    assert protocol == executed and counts.accepted == 2
    html = response.content.decode()
    assert '<svg class="sparkbars"' in html
    assert "<script" not in html.split("</head>")[1]


def test_an_operator_cannot_open_the_department_dashboard(operator_a, login):
    assert login(operator_a).get(reverse("dashboards:department")).status_code == 403


def test_ministry_nav_links_lead_to_overview_map_and_rating(curator, operator_a, login):
    html = login(curator).get(reverse("protocols:list")).content.decode()
    for route in ("dashboards:department", "dashboards:map", "dashboards:rating"):
        assert f'href="{reverse(route)}"' in html
    assert (
        reverse("dashboards:map")
        not in login(operator_a).get(reverse("protocols:list")).content.decode()
    )
