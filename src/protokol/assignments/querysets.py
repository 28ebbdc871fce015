from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.db import models
from django.db.models import F, Q

from protokol.core.visibility import RegionScopedQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from protokol.accounts.models import User


class AssignmentQuerySet(RegionScopedQuerySet):
    region_lookup = "region"

    def open(self) -> Self:
        return self.exclude(state__in=self.model.CLOSED_STATES)

    def closed(self) -> Self:
        return self.filter(state__in=self.model.CLOSED_STATES)

    def with_listing_data(self) -> Self:
        """What a row of a list shows (instruction, protocol, region) in the same query."""
        return self.select_related("instruction__protocol", "region")

    def by_due_date(self) -> Self:
        """Earliest deadline first; assignments without a deadline after all dated ones."""
        return self.order_by(
            F("due_date").asc(nulls_last=True),
            "instruction__protocol__date",
            "instruction__position",
            "region_id",
            "period",
        )

    def search(self, text: str) -> Self:
        """Free-text search over the instruction's text and code and the protocol's number."""
        text = text.strip()
        if not text:
            return self
        # SQLite folds the case of ASCII letters only: «цопп» would not find «ЦОПП» there.
        # Trying the usual spellings covers what people type (PostgreSQL needs only one).
        condition = Q()
        for variant in {text, text.lower(), text.upper(), text.capitalize()}:
            condition |= (
                Q(instruction__text__icontains=variant)
                | Q(instruction__code__icontains=variant)
                | Q(instruction__protocol__number__icontains=variant)
            )
        return self.filter(condition)

    def curated_by(self, user: User | AnonymousUser) -> Self:
        """The curator's own instructions; administrators and observers control them all.

        Apply after ``visible_to``: this narrows the ministry's view, it never widens it.
        """
        if getattr(user, "role", None) == "curator":
            return self.filter(instruction__curator=user)
        return self


def curator_queue(user: User | AnonymousUser) -> models.QuerySet[Any]:
    """Reports awaiting a decision, oldest first: the curator's desk.

    A report waits when it is the undecided final or «не относится» report of an
    assignment in state *submitted*; interim reports are information and are not decided.
    """
    from protokol.assignments.models import Assignment, Report

    assignments = Assignment.objects.visible_to(user).curated_by(user)
    return (
        Report.objects.filter(
            assignment__in=assignments.filter(state=Assignment.State.SUBMITTED),
            decision="",
        )
        .exclude(kind=Report.Kind.INTERIM)
        .select_related("assignment__instruction__protocol", "assignment__region", "submitted_by")
        .prefetch_related("files")
        .order_by("submitted_at", "pk")
    )


def pending_extensions(user: User | AnonymousUser) -> models.QuerySet[Any]:
    """Extension requests waiting for the issuer's decision, oldest first."""
    from protokol.assignments.models import Assignment, ExtensionRequest

    assignments = Assignment.objects.visible_to(user).curated_by(user)
    return (
        ExtensionRequest.objects.filter(
            assignment__in=assignments, decision=ExtensionRequest.Decision.PENDING
        )
        .select_related("assignment__instruction__protocol", "assignment__region", "requested_by")
        .order_by("requested_at", "pk")
    )
