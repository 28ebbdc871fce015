from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from protokol.accounts.models import User


class _AddressedQuerySet(models.QuerySet[Any]):
    """Ministry staff see everything; an operator sees what was published to their region."""

    # The lookup from this model to the region of an assignment.
    assignment_region_lookup: str

    def visible_to(self, user: User | AnonymousUser) -> Self:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_all_regions:
            return self
        if user.region_id is None:
            return self.none()
        return self.filter(**{self.assignment_region_lookup: user.region_id}).distinct()


class ProtocolQuerySet(_AddressedQuerySet):
    assignment_region_lookup = "instructions__assignments__region"


class InstructionQuerySet(_AddressedQuerySet):
    assignment_region_lookup = "assignments__region"

    def addressed_to_regions(self) -> Self:
        return self.exclude(all_regions=False, regions=None)
