"""The region's one due date, as its operator sees it in a real browser (issue 14).

The protocol's date was edited in review to a Saturday, published (due the working day
before), then an extension to a Sunday was approved (due the working day before that).
At a desktop (1440×900) and a phone (390×844) width the assignment page names that date
once, the protocol's wording only as its source, and the extension says the asked day was
not a working one; the operator's list shows the same date, and a recurring instruction's
periodicity under each of its dates. Screenshots go to
var/artifacts/browser/due-date-*.png for a person to look at.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.browser.chromium import ARTIFACTS, CHROMIUM, launched_chromium
from tests.factories import PASSWORD, letter_requisites

WIDTHS = {"desktop": (1440, 900), "phone": (390, 844)}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _next_day_off(day: dt.date, weekday: int, calendar) -> dt.date:
    """The first ``weekday`` on or after ``day`` that is not a working day."""
    while day.weekday() != weekday or calendar.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


@pytest.fixture
def extended(ministry_admin, curator, operator_a):
    """Belgorod's assignment at the end of the journey, and the dates it went through,
    counted from today on the production calendar (the test holds in any year)."""
    from protokol.assignments.extensions import decide_extension, request_extension
    from protokol.assignments.models import Assignment
    from protokol.core.clock import moscow_today
    from protokol.extraction.russian import format_date_ru
    from protokol.protocols.models import Instruction, Protocol
    from protokol.protocols.review import update_instruction
    from protokol.publication.publishing import publish
    from protokol.workcalendar.calendar import production_calendar

    calendar, today = production_calendar(), moscow_today()
    saturday = _next_day_off(today + dt.timedelta(days=30), 5, calendar)
    sunday = _next_day_off(saturday + dt.timedelta(days=14), 6, calendar)
    wording = f"Срок — до {format_date_ru(saturday + dt.timedelta(days=5))}"
    protocol = Protocol.objects.create(
        number="Д05-3/05пр",
        date=today,
        title="совещания о практической подготовке",
        **letter_requisites(today),
    )
    instruction = Instruction.objects.create(
        protocol=protocol, position=0, code="II.1", number="1", curator=curator,
        text="Обеспечить заключение договоров о практической подготовке обучающихся "
        "с организациями реального сектора экономики.",
        deadline_date=saturday + dt.timedelta(days=5), deadline_text=wording,
    )  # fmt: skip
    instruction.regions.set(["31"])
    quarterly = "ежеквартально, до 15 числа месяца, следующего за отчётным"
    recurring = Instruction.objects.create(
        protocol=protocol, position=1, code="II.2", number="2", curator=curator,
        text="Представлять информацию о заключённых договорах.", deadline_text=quarterly,
        recurrence={"kind": "quarterly", "description": quarterly, "day_of_month": 15},
    )  # fmt: skip
    recurring.regions.set(["31"])
    update_instruction(instruction, {"deadline_date": saturday}, None, ministry_admin)
    publish(protocol, ministry_admin)
    assignment = Assignment.objects.get(instruction=instruction)
    request = request_extension(
        assignment, operator_a, new_date=sunday, reason="Договоры подписываются позже."
    )
    decide_extension(request, curator, approve=True)
    granted = calendar.previous_working_day(sunday)
    return {
        "pk": assignment.pk,
        "due": f"до {format_date_ru(granted)}",
        "source": f"в протоколе: {wording}",
        "note": f"{format_date_ru(sunday)} — нерабочий день; срок — {format_date_ru(granted)}",
    }


def test_the_operator_sees_one_due_date_on_the_assignment_page_and_in_the_list(
    live_server, extended
):
    with launched_chromium() as chromium:
        for width_name, (width, height) in WIDTHS.items():
            context = chromium.new_context(
                viewport={"width": width, "height": height}, locale="ru-RU"
            )
            page = context.new_page()
            page.set_default_timeout(15_000)
            page.goto(live_server.url + "/accounts/login/")
            page.fill("input[name=username]", "belgorod")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_url(lambda url: "/accounts/login/" not in url)

            page.goto(f"{live_server.url}/assignments/{extended['pk']}/")
            due = page.locator("dd.due")
            assert due.locator(".due-date").all_inner_texts() == [extended["due"]]
            assert due.locator(".due-source").inner_text() == extended["source"]
            note = page.locator("table.extensions .extension-note")
            assert note.is_visible() and note.inner_text() == extended["note"]
            width_used = page.evaluate(
                "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
            )
            assert width_used[0] <= width_used[1], f"the page scrolls sideways: {width_used}"
            page.screenshot(
                path=str(ARTIFACTS / f"due-date-assignment-{width_name}.png"), full_page=True
            )

            page.goto(f"{live_server.url}/assignments/")
            row = page.locator(f"tr:has(a[href='/assignments/{extended['pk']}/'])")
            assert row.locator("td.due").inner_text().startswith(extended["due"])
            # A recurring instruction's rows name its periodicity under each date.
            assert page.locator("td.due .due-periodicity").first.is_visible()
            width_used = page.evaluate(
                "() => [document.scrollingElement.scrollWidth, window.innerWidth]"
            )
            assert width_used[0] <= width_used[1], f"the list scrolls sideways: {width_used}"
            page.screenshot(path=str(ARTIFACTS / f"due-date-list-{width_name}.png"), full_page=True)
            context.close()
