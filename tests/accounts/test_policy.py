"""The user's policy: who may do what, asked of the user (``accounts/policy.py``)."""

from __future__ import annotations

import pytest

from protokol.accounts.models import Role, User
from protokol.protocols.models import Instruction

# role → (is_ministry, administers_protocols, decides_reports, limited_to_own_instructions)
EXPECTED = {
    Role.ADMIN: (True, True, True, False),
    Role.CURATOR: (True, False, True, True),
    Role.OBSERVER: (True, False, False, False),
    Role.OPERATOR: (False, False, False, False),
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_answers_the_page_level_questions(role):
    user = User(role=role, region_id="31" if role == Role.OPERATOR else None)
    answers = (
        user.is_ministry,
        user.administers_protocols,
        user.decides_reports,
        user.limited_to_own_instructions,
    )
    assert answers == EXPECTED[role]
    assert user.sees_all_regions == user.is_ministry
    assert user.is_regional_operator == (role == Role.OPERATOR)
    assert user.is_observer == (role == Role.OBSERVER)


def test_only_the_region_s_own_active_operator_reports_for_it(operator_a, operator_b, curator):
    assert operator_a.reports_for("31")
    assert operator_a.reports_for(operator_a.region)
    assert not operator_a.reports_for("77") and not operator_b.reports_for("31")
    assert not curator.reports_for("31")
    operator_a.is_active = False
    assert not operator_a.reports_for("31")


def test_the_issuer_side_submits_on_a_region_s_behalf_but_an_observer_does_not(
    operator_a, curator, ministry_admin, observer
):
    assert operator_a.submits_for("31") and not operator_a.submits_for("77")
    assert curator.submits_for("77") and ministry_admin.submits_for("77")
    assert not observer.submits_for("31")


def test_an_instruction_is_decided_by_its_curator_or_an_administrator(
    curator, ministry_admin, observer, operator_a
):
    other = User.objects.create_user("curator2", role=Role.CURATOR)
    instruction = Instruction(curator=curator)
    assert curator.decides(instruction) and ministry_admin.decides(instruction)
    assert not other.decides(instruction)
    assert not observer.decides(instruction) and not operator_a.decides(instruction)
    ministry_admin.is_active = False
    assert not ministry_admin.decides(instruction)


def test_the_sql_forms_pick_the_same_people_as_the_python_forms(
    operator_a, operator_b, curator, ministry_admin, observer
):
    people = [operator_a, operator_b, curator, ministry_admin, observer]
    assert set(User.objects.operators_of(["31"])) == {u for u in people if u.reports_for("31")}
    assert set(User.objects.administrators()) == {u for u in people if u.administers_protocols}
    assert set(User.objects.curator_candidates()) == {u for u in people if u.decides_reports}
    operator_a.is_active = False
    operator_a.save(update_fields=["is_active"])
    assert not User.objects.operators_of(["31"]).exists()
