"""Who may do what: the one place where a user's role is read (DESIGN.md §2, DOMAIN.md §1).

Views, the API, exports, templates, context processors and the life-cycle services ask
the user — ``user.administers_protocols``, ``user.decides(instruction)``,
``user.reports_for(region)`` — and never compare role strings themselves
(``tests/accounts/test_role_checks.py`` greps ``src/`` for that). ``core`` asks the same
questions duck-typed (``protokol.core.people.Person``), so it never imports this app.

The Python form (``UserPolicy``, mixed into ``User``) and the SQL form (``UserQuerySet``:
who is told, who may be named curator) are kept side by side so they cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol, Self

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from protokol.regions.models import Region


class Curated(Protocol):
    """What a decision needs of an instruction (accounts sits below protocols, so the
    policy names the shape, not the model)."""

    curator_id: int | None


class Role(models.TextChoices):
    ADMIN = "admin", "администратор министерства"
    CURATOR = "curator", "куратор"
    OPERATOR = "operator", "оператор региона"
    OBSERVER = "observer", "наблюдатель"


# Roles of the ministry's own staff, who see every region (DESIGN.md §2).
MINISTRY_ROLES = frozenset({Role.ADMIN, Role.CURATOR, Role.OBSERVER})
# The issuer's side (DOMAIN.md §1): they decide reports and extension requests and may
# enter a region's report on its behalf; an observer only looks.
DECIDING_ROLES = frozenset({Role.ADMIN, Role.CURATOR})

# The SQL forms of the same facts, for constraints and recipient lists.
OPERATOR = Q(role=Role.OPERATOR)
ADMINISTRATOR = Q(role=Role.ADMIN)
DECIDER = Q(role__in=sorted(DECIDING_ROLES))


class UserPolicy:
    """The questions every caller asks a user; mixed into ``accounts.User``.

    Properties depend on the role (and region) only, so they also answer for an unsaved
    user (``createuser`` asks before saving). The per-object methods also require an
    active account: a deactivated person keeps their role but may no longer act.
    """

    role: str
    region_id: str | None
    pk: Any
    is_active: bool

    @property
    def is_ministry(self) -> bool:
        """Ministry staff: administrators, curators and observers."""
        return self.role in MINISTRY_ROLES

    @property
    def sees_all_regions(self) -> bool:
        """Ministry staff see every region; an operator only their own (``core.visibility``)."""
        return self.is_ministry

    @property
    def is_regional_operator(self) -> bool:
        return self.role == Role.OPERATOR

    @property
    def is_observer(self) -> bool:
        return self.role == Role.OBSERVER

    @property
    def administers_protocols(self) -> bool:
        """Import, review, publication and withdrawal belong to the ministry's administrators;
        they also decide on every instruction and receive what has no curator."""
        return self.role == Role.ADMIN

    @property
    def decides_reports(self) -> bool:
        """The issuer's side: may decide reports and extension requests (of the
        instructions they curate, or of all for an administrator)."""
        return self.role in DECIDING_ROLES

    @property
    def limited_to_own_instructions(self) -> bool:
        """A curator's desk holds the instructions they curate; an administrator's and an
        observer's hold them all (an operator's is scoped by region instead)."""
        return self.role == Role.CURATOR

    def decides(self, instruction: Curated) -> bool:
        """Only the issuer decides (DOMAIN.md §1): the instruction's curator, or an admin."""
        if not self.is_active:
            return False
        if self.administers_protocols:
            return True
        return self.role == Role.CURATOR and instruction.curator_id == self.pk

    def reports_for(self, region: Region | str | None) -> bool:
        """The operator of ``region`` (a Region or its code), who reports on its assignments."""
        code = region if isinstance(region, str) or region is None else region.pk
        return (
            self.is_active
            and self.is_regional_operator
            and self.region_id is not None
            and self.region_id == code
        )

    def submits_for(self, region: Region | str | None) -> bool:
        """May send reports of ``region``: its operator, or the issuer's side entering them
        on the region's behalf (a region that answered by letter, issue 7). The life cycle
        still checks each assignment (a curator only for the instructions they curate)."""
        return self.reports_for(region) or (self.is_active and self.decides_reports)


class UserQuerySet(models.QuerySet[Any]):
    """The policy's SQL form: who is told, who may be chosen."""

    def operators_of(self, regions: Iterable[str]) -> Self:
        """Active operators of the regions (codes): the people who report for them."""
        return self.filter(OPERATOR, is_active=True, region_id__in=list(regions))

    def administrators(self) -> Self:
        return self.filter(ADMINISTRATOR, is_active=True)

    def curator_candidates(self) -> Self:
        """Who may be named an instruction's curator: active curators and administrators."""
        return self.filter(DECIDER, is_active=True)
