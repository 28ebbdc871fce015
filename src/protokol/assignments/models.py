from __future__ import annotations

from django.db import models

from protokol.assignments.querysets import AssignmentQuerySet


class Assignment(models.Model):
    """One instruction for one region (and, for a recurring instruction, one period).

    Life cycle (DESIGN.md §4): issued → acknowledged → in_progress → submitted →
    accepted, with submitted → returned → submitted; issued/… → not_applicable; any →
    cancelled when the instruction is withdrawn. *Overdue* is derived from ``due_date``,
    never stored.
    """

    class State(models.TextChoices):
        ISSUED = "issued", "направлено"
        ACKNOWLEDGED = "acknowledged", "получено"
        IN_PROGRESS = "in_progress", "в работе"
        SUBMITTED = "submitted", "отчёт направлен"
        RETURNED = "returned", "возвращено на доработку"
        ACCEPTED = "accepted", "принято"
        NOT_APPLICABLE = "not_applicable", "не относится"
        CANCELLED = "cancelled", "отменено"

    CLOSED_STATES = (State.ACCEPTED, State.NOT_APPLICABLE, State.CANCELLED)

    instruction = models.ForeignKey(
        "protocols.Instruction", on_delete=models.CASCADE, related_name="assignments"
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="assignments"
    )
    # 0 for a one-off instruction; 1, 2, … for the periods of a recurring one.
    period = models.PositiveSmallIntegerField("период", default=0)
    state = models.CharField(
        "состояние", max_length=16, choices=State.choices, default=State.ISSUED, db_index=True
    )
    due_date = models.DateField("срок исполнения", null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "instruction_id", "region_id", "period"]
        verbose_name = "исполнение поручения регионом"
        verbose_name_plural = "исполнение поручений регионами"
        constraints = [
            models.UniqueConstraint(
                fields=["instruction", "region", "period"], name="one_assignment_per_period"
            )
        ]
        indexes = [models.Index(fields=["region", "state"])]

    def __str__(self) -> str:
        return f"{self.instruction.code} — {self.region_id}"
