from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Self

from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q

from protokol.assignments.states import WITH_REGION_STATES
from protokol.core.visibility import RegionScopedQuerySet
from protokol.protocols.models import Instruction

if TYPE_CHECKING:
    from protokol.core.people import Visitor

# --- the rule of overdue and executed, in SQL (the Python form is on ``Assignment``) -----
# ``prefix`` reaches an assignment from another model («assignment__»), or a
# conditional aggregate over a relation. The state groups live in ``states.py``.


def _q(prefix: str, **lookups: object) -> Q:
    return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})


def owed_q(prefix: str = "") -> Q:
    """The region owes a report (``Assignment.is_owed``)."""
    return _q(prefix, state__in=WITH_REGION_STATES, instruction__kind=Instruction.Kind.MANDATORY)


def term_passed_q(on: dt.date, prefix: str = "") -> Q:
    """The effective due date is before ``on`` (``Assignment.term_passed``)."""
    return _q(prefix, due_date__lt=on)


def overdue_q(on: dt.date, prefix: str = "") -> Q:
    """Overdue on day ``on`` (``Assignment.is_overdue``; the rule is on ``Assignment``)."""
    return owed_q(prefix) & term_passed_q(on, prefix)


def submitted_after_deadline_q(prefix: str = "") -> Q:
    """A report sent on a Moscow day after its assignment's effective due date
    (``Report.submitted_after_deadline``); ``prefix`` reaches the report."""
    return _q(prefix, submitted_at__date__gt=F(f"{prefix}assignment__due_date"))


class AssignmentQuerySet(RegionScopedQuerySet):
    region_lookup = "region"

    def for_extract(self, protocol_id: int, region_code: str) -> Self:
        """One region's assignments of one protocol, as its выписка words their dates
        (``deadlines.region_deadlines``); the caller has checked the region is the reader's."""
        return self.filter(
            instruction__protocol_id=protocol_id, region_id=region_code
        ).select_related("instruction")

    def open(self) -> Self:
        return self.exclude(state__in=self.model.CLOSED_STATES)

    def closed(self) -> Self:
        return self.filter(state__in=self.model.CLOSED_STATES)

    def owed(self) -> Self:
        """The region owes a report: mandatory, the next move is the region's."""
        return self.filter(owed_q())

    def overdue(self, on: dt.date) -> Self:
        """Overdue on day ``on``: the rule written on ``Assignment``."""
        return self.filter(overdue_q(on))

    def with_overdue(self, on: dt.date) -> Self:
        """Each row carries ``overdue`` (a boolean computed by the database) for day ``on``."""
        return self.annotate(overdue=ExpressionWrapper(overdue_q(on), output_field=BooleanField()))

    def _executed(self, *, late: bool) -> Self:
        # ``Report`` through the relation: this module never imports models.py back.
        report = self.model._meta.get_field("reports").related_model
        accepted = report.objects.filter(
            assignment=OuterRef("pk"), decision=report.Decision.ACCEPTED
        ).exclude(kind=report.Kind.INTERIM)
        late_report = accepted.filter(submitted_after_deadline_q())
        executed = self.filter(state=self.model.State.ACCEPTED)
        return (
            executed.filter(Exists(late_report)) if late else executed.exclude(Exists(late_report))
        )

    def executed_on_time(self) -> Self:
        """Accepted, and the accepted report was sent on or before the effective due date."""
        return self._executed(late=False)

    def executed_late(self) -> Self:
        """Accepted, and the accepted report was sent after the effective due date."""
        return self._executed(late=True)

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

    def curated_by(self, user: Visitor) -> Self:
        """The curator's own instructions; administrators and observers control them all.

        Apply after ``visible_to``: this narrows the ministry's view, it never widens it.
        """
        return _curated_by(self, user, "instruction__curator")


def _curated_by(queryset: Any, user: Visitor, curator_lookup: str) -> Any:
    if getattr(user, "limited_to_own_instructions", False):
        return queryset.filter(**{curator_lookup: user})
    return queryset


class AssignmentPartQuerySet(RegionScopedQuerySet):
    """Rows that belong to one assignment (reports, requests, comments): they are seen
    exactly when their assignment is, through its region."""

    region_lookup = "assignment__region"

    def curated_by(self, user: Visitor) -> Self:
        """Narrowed to the curator's own instructions, as ``AssignmentQuerySet.curated_by``."""
        return _curated_by(self, user, "assignment__instruction__curator")


class ReportFileQuerySet(RegionScopedQuerySet):
    region_lookup = "report__assignment__region"
