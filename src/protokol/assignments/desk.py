"""The curator's desk: reports and extension requests awaiting a decision."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

from protokol.assignments.models import Assignment, ExtensionRequest, Report

if TYPE_CHECKING:
    from protokol.core.people import Visitor


def curator_queue(user: Visitor) -> models.QuerySet[Any]:
    """Reports awaiting a decision, oldest first: the curator's desk.

    A report waits when it is the undecided final or «не относится» report of an
    assignment in state *submitted*; interim reports are information and are not decided.
    """
    return (
        Report.objects.visible_to(user)
        .curated_by(user)
        .filter(assignment__state=Assignment.State.SUBMITTED, decision="")
        .exclude(kind=Report.Kind.INTERIM)
        .select_related("assignment__instruction__protocol", "assignment__region", "submitted_by")
        .prefetch_related("files")
        .order_by("submitted_at", "pk")
    )


def pending_extensions(user: Visitor) -> models.QuerySet[Any]:
    """Extension requests waiting for the issuer's decision, oldest first."""
    return (
        ExtensionRequest.objects.visible_to(user)
        .curated_by(user)
        .filter(decision=ExtensionRequest.Decision.PENDING)
        .select_related("assignment__instruction__protocol", "assignment__region", "requested_by")
        .order_by("requested_at", "pk")
    )
