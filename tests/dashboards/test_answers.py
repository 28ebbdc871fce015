from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _rollup(client, protocol):
    instruction = protocol.instructions.get(code="V.1")
    return client.get(reverse("dashboards:answers", args=[instruction.pk]))


def test_answers_are_summed_counted_and_missing_regions_listed(executed, curator, login):
    response = _rollup(login(curator), executed)
    rollup = response.context["rollup"]
    # Tatarstan's latest version (45 completed) replaces its returned first one (20).
    assert rollup.totals == ["470", "455", "да: 2, нет: 1"]
    assert len(rollup.rows) == 89
    assert len(rollup.missing) == 86
    assert {row.region.code for row in rollup.rows if not row.missing} == {"16", "31", "77"}
    assert response.content.decode().count('class="missing"') == 86


def test_an_operator_sees_only_their_own_answers(executed, operator_b, login):
    rollup = _rollup(login(operator_b), executed).context["rollup"]
    assert [row.region.code for row in rollup.rows] == ["77"]
    assert rollup.totals[0] == "300"
