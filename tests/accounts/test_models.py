import pytest
from django.db import IntegrityError

from protokol.accounts.models import Role, User


def test_an_operator_must_have_a_region(db):
    with pytest.raises(IntegrityError):
        User.objects.create_user("nowhere", role=Role.OPERATOR)


def test_ministry_staff_cannot_be_bound_to_a_region(db):
    with pytest.raises(IntegrityError):
        User.objects.create_user("curator31", role=Role.CURATOR, region_id="31")


def test_short_name_is_surname_with_initials(db):
    user = User(username="s", last_name="Софронова", first_name="Марина", middle_name="Игоревна")
    assert user.short_name == "Софронова М.И."


def test_roles_decide_the_scope(operator_a, curator, observer, ministry_admin):
    assert not operator_a.sees_all_regions
    assert all(u.sees_all_regions for u in (curator, observer, ministry_admin))
