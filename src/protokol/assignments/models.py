from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q

from protokol.assignments.querysets import AssignmentQuerySet


class Assignment(models.Model):
    """One instruction for one region (and, for a recurring instruction, one period).

    Life cycle (DESIGN.md §4): issued → acknowledged → in_progress → submitted →
    accepted, with submitted → returned → submitted; issued/… → not_applicable; any →
    cancelled when the instruction is withdrawn. *Overdue* is derived from ``due_date``,
    never stored. The allowed moves are the table ``assignments.lifecycle.TRANSITIONS``;
    only the functions of that module change ``state`` (and ``issuing`` cancels).
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
    # Incremented by every transition: a write that carries a stale value is refused
    # («изменено другим пользователем»), so two operators never overwrite each other.
    version = models.PositiveIntegerField("версия записи", default=0)
    acknowledged_at = models.DateTimeField("получено", null=True, blank=True)
    closed_at = models.DateTimeField("снято с контроля", null=True, blank=True)
    # Scheduling state of reminders (notifications app): the worker claims rows whose
    # time has come with a conditional UPDATE, so no reminder is sent twice.
    next_reminder_at = models.DateTimeField(null=True, blank=True, db_index=True)
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
        # Measured on a national-scale year (bench/bench_national.py): the dashboard, the
        # map and the exports filter by state and due date across regions.
        indexes = [
            models.Index(fields=["region", "state"]),
            models.Index(fields=["state", "due_date", "instruction"]),
            models.Index(fields=["due_date", "region", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.instruction.code} — {self.region_id}"

    @property
    def is_closed(self) -> bool:
        """Removed from control: accepted, confirmed not applicable, or cancelled."""
        return self.state in self.CLOSED_STATES

    def is_overdue(self, today: dt.date) -> bool:
        """The due date (the last permitted day) has passed and the assignment is still open.

        Derived, never stored (DESIGN.md §4). A recommendation carries no obligation to
        report, so it is never overdue. Needs ``instruction`` (select it related in lists).
        """
        return (
            self.due_date is not None
            and self.due_date < today
            and not self.is_closed
            and not self.instruction.is_recommendation
        )


class Report(models.Model):
    """One version of a region's report on an assignment; never overwritten.

    Each submission adds the next ``number``; the curator's decision is recorded on the
    version it concerns. ``kind`` ``not_applicable`` is the region's claim that the
    instruction does not concern it, confirmed or returned by the curator like a report.
    """

    class Kind(models.TextChoices):
        FINAL = "final", "отчёт об исполнении"
        INTERIM = "interim", "промежуточный отчёт"
        NOT_APPLICABLE = "not_applicable", "не относится к субъекту"

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", "принят"
        RETURNED = "returned", "возвращён на доработку"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reports")
    number = models.PositiveIntegerField("версия")
    kind = models.CharField("вид", max_length=16, choices=Kind.choices, default=Kind.FINAL)
    text = models.TextField("текст отчёта", blank=True)
    # Structured answers keyed by the instruction's report template field keys.
    answers = models.JSONField("ответы по форме", default=dict, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField("направлен", auto_now_add=True)
    decision = models.CharField(
        "решение", max_length=16, choices=Decision.choices, blank=True, db_index=True
    )
    decision_comment = models.TextField("комментарий куратора", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("решение принято", null=True, blank=True)

    class Meta:
        ordering = ["assignment", "number"]
        verbose_name = "отчёт"
        verbose_name_plural = "отчёты"
        constraints = [
            models.UniqueConstraint(fields=["assignment", "number"], name="one_report_number")
        ]
        indexes = [models.Index(fields=["submitted_at"]), models.Index(fields=["decided_at"])]

    def __str__(self) -> str:
        return f"Отчёт {self.number} по {self.assignment}"

    @property
    def answer_items(self) -> list[dict[str, object]]:
        """The answers labelled by the instruction's report template, for reading."""
        from protokol.protocols.report_template import answer_items

        return answer_items(self.assignment.instruction.report_template, self.answers)

    @property
    def is_pending(self) -> bool:
        """Awaits the curator's decision (an interim report never does)."""
        return not self.decision and self.kind != self.Kind.INTERIM


class ReportFile(models.Model):
    """A file attached to a report, served only through an authorising view."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="reports/%Y/%m/")
    filename = models.CharField("имя файла", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = "файл отчёта"
        verbose_name_plural = "файлы отчётов"

    def __str__(self) -> str:
        return self.filename


class ExtensionRequest(models.Model):
    """A region's request to move its due date (перенос срока); only the issuer decides.

    ``exceptional``: asked later than the configured number of days after signing.
    """

    class Decision(models.TextChoices):
        PENDING = "pending", "на рассмотрении"
        APPROVED = "approved", "согласован"
        REJECTED = "rejected", "отклонён"

    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="extension_requests"
    )
    requested_date = models.DateField("новый срок")
    previous_due_date = models.DateField("прежний срок", null=True, blank=True)
    reason = models.TextField("обоснование")
    exceptional = models.BooleanField("исключительный случай", default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(
        max_length=16, choices=Decision.choices, default=Decision.PENDING, db_index=True
    )
    decision_comment = models.TextField("комментарий", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = "запрос на перенос срока"
        verbose_name_plural = "запросы на перенос срока"
        constraints = [
            # One request under consideration at a time: the database backs the rule the
            # life cycle checks under the assignment's row lock.
            models.UniqueConstraint(
                fields=["assignment"],
                condition=Q(decision="pending"),
                name="one_pending_extension",
            )
        ]

    def __str__(self) -> str:
        return f"Перенос срока {self.assignment} на {self.requested_date:%d.%m.%Y}"


class Comment(models.Model):
    """A remark in the conversation between a region and its curator about an assignment."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("комментарий")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = "комментарий"
        verbose_name_plural = "комментарии"

    def __str__(self) -> str:
        return self.text[:60]
