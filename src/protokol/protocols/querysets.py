from __future__ import annotations

from typing import Any, Self

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q

from protokol.core.people import Visitor


class _AddressedQuerySet(models.QuerySet[Any]):
    """Ministry staff see everything; an operator sees what was published to their region."""

    # The lookup from this model to the region of an assignment.
    assignment_region_lookup: str

    def visible_to(self, user: Visitor) -> Self:
        if isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
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


class GeneratedDocumentQuerySet(models.QuerySet[Any]):
    """Cover letters (no region) go with the protocol: whoever sees the protocol sees
    them. A region's extract is that region's: its operator and the ministry only."""

    def visible_to(self, user: Visitor) -> Self:
        # The protocol model through the relation, so this module never imports models.py.
        protocol = (
            self.model._meta.get_field("version")
            .related_model._meta.get_field("protocol")
            .related_model
        )
        if isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_all_regions:
            return self
        return self.filter(
            Q(region=None) | Q(region_id=user.region_id),
            version__protocol__in=protocol.objects.visible_to(user),
        )
