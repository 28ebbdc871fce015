"""The states of an assignment and the groups the rules count with (see ``Assignment``).

A module of their own, below both ``models.py`` and ``querysets.py``: the SQL form of the
overdue rule needs the groups, and the model's Python form too, without the two modules
importing each other.
"""

from __future__ import annotations

from django.db import models


class AssignmentState(models.TextChoices):
    """The life cycle of one assignment (the transitions are in ``lifecycle.py``)."""

    ISSUED = "issued", "направлено"
    ACKNOWLEDGED = "acknowledged", "получено"
    IN_PROGRESS = "in_progress", "в работе"
    SUBMITTED = "submitted", "отчёт направлен"
    RETURNED = "returned", "возвращено на доработку"
    ACCEPTED = "accepted", "принято"
    NOT_APPLICABLE = "not_applicable", "не относится"
    CANCELLED = "cancelled", "отменено"


_S = AssignmentState
# Off control: nothing is owed any more.
CLOSED_STATES = (_S.ACCEPTED, _S.NOT_APPLICABLE, _S.CANCELLED)
# The state groups of the rule; every page, export and notice counts with these. Not
# «open»: ``AssignmentQuerySet.open()`` also keeps *submitted*. The next move is the
# region's: the only states that can be overdue.
WITH_REGION_STATES = (_S.ISSUED, _S.ACKNOWLEDGED, _S.IN_PROGRESS, _S.RETURNED)
NOT_STARTED_STATES = (_S.ISSUED, _S.ACKNOWLEDGED)
# The ministry accepted the region's answer: its report, or its claim that the
# instruction does not concern it. Only ``ACCEPTED`` is *executed* (on time or late).
ACCEPTED_STATES = (_S.ACCEPTED, _S.NOT_APPLICABLE)
