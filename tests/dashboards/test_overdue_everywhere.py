"""Every page, export, the API and the weekly digest count the same overdue assignments
for the same scope (the rule on ``Assignment``), on a generated data set: fourteen regions,
both kinds of instruction, every state, due dates before, on and after today and none."""

from __future__ import annotations

import csv
import datetime as dt
from io import BytesIO, StringIO

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

REGIONS = ["31", "77", "17", "16", "50", "78", "02", "05", "24", "25", "38", "42", "54", "55"]
RELATIONS = ("past", "today", "future", "none")


@pytest.fixture
def generated(curator):
    """Eight instructions (even: mandatory, odd: recommendation; a pair per due-date
    relation) × fourteen regions, the region's index choosing the state: every state ×
    kind × relation occurs once or twice. Returns the protocol, today and the expected counts."""
    from protokol.assignments.models import Assignment
    from protokol.assignments.states import WITH_REGION_STATES
    from protokol.core.clock import moscow_today
    from protokol.protocols.models import Instruction, Protocol

    today = moscow_today()
    due = {
        "past": today - dt.timedelta(days=10),
        "today": today,
        "future": today + dt.timedelta(days=10),
        "none": None,
    }
    protocol = Protocol.objects.create(
        state=Protocol.State.PUBLISHED, number="Д05-7/05пр", date=today - dt.timedelta(days=40)
    )
    states = list(Assignment.State.values)
    expected = {"all": 0, REGIONS[0]: 0}
    for position in range(8):
        kind = Instruction.Kind.MANDATORY if position % 2 == 0 else Instruction.Kind.RECOMMENDATION
        relation = RELATIONS[position // 2]
        instruction = Instruction.objects.create(
            protocol=protocol,
            position=position,
            code=f"I.{position + 1}",
            number=str(position + 1),
            text="обеспечить участие обучающихся в практике",
            kind=kind,
            deadline_date=due[relation],
            without_deadline=relation == "none",
            curator=curator,
            state=Instruction.State.PUBLISHED,
            all_regions=True,
        )
        for index, code in enumerate(REGIONS):
            state = states[index % len(states)]
            Assignment.objects.create(
                instruction=instruction, region_id=code, due_date=due[relation], state=state
            )
            # The rule, counted from what was generated rather than asked of the code.
            owed = kind == Instruction.Kind.MANDATORY and state in WITH_REGION_STATES
            if owed and relation == "past":
                expected["all"] += 1
                expected[code] = expected.get(code, 0) + 1
    assert expected["all"] > len(WITH_REGION_STATES)
    return protocol, today, expected


def _web_counts(client, protocol, today, region=None) -> dict[str, int]:
    """The overdue count each web page and export shows ``client``'s user."""
    from docx import Document
    from openpyxl import load_workbook

    from protokol.exports.xlsx import TABLE_TOP

    since = (today - dt.timedelta(days=60)).isoformat()
    counts: dict[str, int] = {}
    home = client.get(reverse("assignments:home")).context
    counts["operator's home"] = next(len(g.rows) for g in home["groups"] if g.key == "overdue")
    page = client.get(reverse("dashboards:protocol", args=[protocol.pk])).context
    counts["progress counts"] = sum(c.overdue for _, c in page["instructions"])
    counts["progress matrix"] = sum(str(row).count("cell cell-overdue") for _, row in page["rows"])
    book = load_workbook(
        BytesIO(client.get(reverse("exports:protocol_xlsx", args=[protocol.pk])).content)
    )
    sheet = list(book["Поручения"].iter_rows(min_row=TABLE_TOP, values_only=True))
    column = sheet[0].index("Просрочено")
    counts["xlsx counts"] = sum(row[column] for row in sheet[1:])
    matrix = book["Сводная"].iter_rows(min_row=TABLE_TOP + 2, values_only=True)
    counts["xlsx matrix"] = sum(row.count("просрочено") for row in matrix)
    spravka = Document(
        BytesIO(client.get(reverse("exports:protocol_docx", args=[protocol.pk])).content)
    ).tables[0]
    column = [cell.text for cell in spravka.rows[0].cells].index("Просрочено")
    counts["docx"] = sum(int(row.cells[column].text) for row in spravka.rows[1:])
    body = client.get(reverse("exports:protocol_csv", args=[protocol.pk])).content
    rows = list(csv.DictReader(StringIO(body.decode("utf-8-sig")), delimiter=";"))
    counts["csv"] = sum(row["Состояние"] == "просрочено" for row in rows)
    card = client.get(reverse("dashboards:region", args=[region or REGIONS[0]]), {"since": since})
    counts["region card list"] = len(card.context["overdue"])
    counts["region card figures"] = card.context["card"].row.overdue
    if region is None:  # the ministry's pages
        board = client.get(reverse("dashboards:department")).context["board"]
        counts["department"] = board.overdue_assignments
        rating = client.get(reverse("dashboards:rating"), {"since": since}).context["rows"]
        counts["rating"] = sum(row.overdue for row in rating)
        table = client.get(reverse("dashboards:map"), {"protocol": protocol.pk}).context["table"]
        counts["map"] = sum(figures.overdue for _, figures, _ in table)
    return counts


def _api_counts(user) -> dict[str, int]:
    from django.test import Client

    from protokol.api.tokens import issue_token

    client = Client(headers={"Authorization": f"Bearer {issue_token(user, 'тесты').secret}"})
    url = "/api/v1/assignments"
    everything = client.get(url, {"limit": 500}).json()
    overdue = client.get(url, {"limit": 500, "overdue": "true"}).json()
    not_overdue = client.get(url, {"limit": 500, "overdue": "false"}).json()
    assert overdue["count"] + not_overdue["count"] == everything["count"]
    return {
        "api filter": overdue["count"],
        "api field": sum(item["overdue"] for item in everything["items"]),
        "api filtered field": sum(item["overdue"] for item in overdue["items"]),
    }


def test_every_consumer_counts_the_same_overdue_for_the_ministry(
    generated, curator, ministry_admin, login
):
    from django.utils import timezone

    from protokol.notifications import reminders
    from protokol.workcalendar.calendar import production_calendar

    protocol, today, expected = generated
    counts = {**_web_counts(login(curator), protocol, today), **_api_counts(curator)}
    # The region card is one region's; everything else the whole country's.
    card = {key: counts.pop(key) for key in ("region card list", "region card figures")}
    assert card == dict.fromkeys(card, expected[REGIONS[0]])
    assert counts == dict.fromkeys(counts, expected["all"])
    digest = reminders._overdue_digest(timezone.now(), production_calendar())
    subject = next(n.subject for n in digest if n.recipient == ministry_admin)
    assert f"{expected['all']} просроченных поручений" in subject


def test_every_consumer_counts_the_same_overdue_for_a_regional_operator(
    generated, operator_a, login
):
    protocol, today, expected = generated
    own = expected[operator_a.region_id]
    counts = {
        **_web_counts(login(operator_a), protocol, today, region=operator_a.region_id),
        **_api_counts(operator_a),
    }
    assert own > 0 and counts == dict.fromkeys(counts, own)
