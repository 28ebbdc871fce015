from django.contrib.auth.models import AnonymousUser

from protokol.accounts.models import Role, User
from protokol.organizations.models import Organization
from protokol.regions.models import Region


def test_an_operator_sees_only_their_region(operator_a):
    assert list(Region.objects.visible_to(operator_a).values_list("code", flat=True)) == ["31"]


def test_ministry_roles_see_all_89_regions(ministry_admin, curator, observer):
    for user in (ministry_admin, curator, observer):
        assert Region.objects.visible_to(user).count() == 89


def test_anonymous_and_inactive_users_see_nothing(operator_a):
    assert not Region.objects.visible_to(AnonymousUser()).exists()
    operator_a.is_active = False
    assert not Region.objects.visible_to(operator_a).exists()


def test_an_operator_sees_their_authority_and_federal_bodies_but_no_other_region(operator_a):
    visible = Organization.objects.visible_to(operator_a)
    regions = set(visible.exclude(region=None).values_list("region_id", flat=True))
    assert regions == {"31"}
    assert visible.filter(region=None, name__contains="Департамент").exists()


def test_a_user_without_role_scope_sees_nothing(db):
    stray = User.objects.create_user("stray", role=Role.OBSERVER)
    stray.role = "unknown"
    assert not Region.objects.visible_to(stray).exists()
