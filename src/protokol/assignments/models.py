from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from protokol.assignments.due import Due, effective_due, moved_note
from protokol.assignments.querysets import (
    AssignmentPartQuerySet,
    AssignmentQuerySet,
    ReportFileQuerySet,
)
from protokol.assignments.states import (
    CLOSED_STATES,
    WITH_REGION_STATES,
    AssignmentState,
)
from protokol.extraction.russian import format_date_ru
from protokol.protocols.models import Instruction


class Assignment(models.Model):
    """One instruction for one region (and, for a recurring instruction, one period).

    Life cycle (DESIGN.md §4): issued → acknowledged → in_progress → submitted →
    accepted, with submitted → returned → submitted; issued/… → not_applicable; any →
    cancelled when the instruction is withdrawn. The allowed moves are the table
    ``assignments.lifecycle.TRANSITIONS``; only the life-cycle functions (``lifecycle``,
    ``reporting``, ``extensions``) change ``state`` (and ``issuing`` cancels).

    ``due_date`` is the *effective* due date: the stated term moved back to a working
    day (production calendar) and replaced by the date of a granted extension
    (``extensions.decide_extension``). The facts of control are derived from it, never
    stored, and have one Python form here and one SQL form in ``querysets.py``
    (``overdue_q`` / ``AssignmentQuerySet.overdue``), which a test keeps in agreement:

    - **Overdue on day D**: a mandatory instruction's assignment whose effective due date
      is before D and whose state is one of ``WITH_REGION_STATES`` (issued, acknowledged,
      in progress, returned). A submitted report is not overdue — it waits for the
      ministry; a recommendation is never overdue; not applicable, accepted and
      cancelled never are. D is Moscow's date (``core.clock.moscow_today``).
    - **Executed on time**: accepted, and the accepted report was submitted (Moscow date)
      on or before the effective due date; **executed late**: accepted, submitted after
      it. A report **submitted after the deadline** is marked for the curator
      (``Report.submitted_after_deadline``).
    """

    State = AssignmentState
    CLOSED_STATES = CLOSED_STATES

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

    @property
    def is_owed(self) -> bool:
        """The region owes a report: a mandatory instruction and the next move is the
        region's (the SQL form is ``querysets.owed_q``). Needs ``instruction``."""
        return (
            self.state in WITH_REGION_STATES and self.instruction.kind == Instruction.Kind.MANDATORY
        )

    @property
    def due(self) -> Due:
        """The due date as the region sees it, worded (``due.effective_due``: the one
        home of it). Needs ``instruction``."""
        return effective_due(self.due_date, self.instruction)

    def term_passed(self, on: dt.date) -> bool:
        """The effective due date — the last permitted day — is before ``on``."""
        return self.due_date is not None and self.due_date < on

    def is_overdue(self, on: dt.date) -> bool:
        """Overdue on day ``on`` (the rule in the class docstring; SQL form
        ``AssignmentQuerySet.overdue``). Needs ``instruction`` (select it related in lists).
        """
        return self.is_owed and self.term_passed(on)


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

    objects = AssignmentPartQuerySet.as_manager()

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

    @property
    def submitted_after_deadline(self) -> bool:
        """Sent on a Moscow day after the assignment's effective due date: shown to the
        curator; once accepted, the assignment is *executed late* (SQL form
        ``querysets.submitted_after_deadline_q``). Needs ``assignment``."""
        due = self.assignment.due_date
        return due is not None and timezone.localdate(self.submitted_at) > due


# What the content check of an attachment lets through for the curator to know
# (``attachments``' policy), by code, as the curator reads it beside the file.
FILE_WARNINGS: dict[str, str] = {
    "javascript": "В PDF есть JavaScript — откройте с осторожностью",
    "auto_action": "PDF сам выполняет действия при открытии или просмотре — откройте с осторожностью",
    "embedded_file": "В PDF вложены другие файлы — открывайте их с осторожностью",
    "unchecked": "Часть PDF не удалось проверить (необычное сжатие или слишком большой объём)",
}


class ReportFile(models.Model):
    """A file attached to a report, served only through an authorising view.

    Checked and stored by ``assignments.attachments`` (its docstring is the policy: types,
    budgets, what is refused and what is flagged)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="reports/%Y/%m/")
    filename = models.CharField("имя файла", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    # The Moscow day it was stored: the region's daily upload quota sums one day. Empty
    # for files stored before the quota existed (they belong to past days anyway).
    uploaded_on = models.DateField("загружен", null=True, blank=True, db_index=True)
    # Codes of FILE_WARNINGS (JavaScript in a PDF, …).
    warnings = models.JSONField("предупреждения", default=list, blank=True)

    objects = ReportFileQuerySet.as_manager()

    class Meta:
        verbose_name = "файл отчёта"
        verbose_name_plural = "файлы отчётов"

    def __str__(self) -> str:
        return self.filename

    @property
    def warning_texts(self) -> list[str]:
        """The warnings as the curator reads them beside the file."""
        return [FILE_WARNINGS.get(code, code) for code in self.warnings]


class ExtensionRequest(models.Model):
    """A region's request to move its due date (перенос срока); only the issuer decides.

    ``exceptional``: asked later than the configured number of days after signing.
    ``granted_date``: the due date an approval gave — ``requested_date``, or the working
    day before it when that is a non-working day; None unless approved.
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
    granted_date = models.DateField("согласованный срок", null=True, blank=True)
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

    objects = AssignmentPartQuerySet.as_manager()

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

    @property
    def outcome(self) -> str:
        """How the approval reads wherever it is shown (page, notice, audit): «31 декабря
        2024 г. — нерабочий день; срок — 28 декабря 2024 г.» when the asked day was not a
        working one, «срок — 15 января 2025 г.» otherwise; "" unless approved."""
        if self.decision != self.Decision.APPROVED or self.granted_date is None:
            return ""
        return moved_note(self.requested_date, self.granted_date) or (
            f"срок — {format_date_ru(self.granted_date)}"
        )


class Comment(models.Model):
    """A remark in the conversation between a region and its curator about an assignment."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("комментарий")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentPartQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = "комментарий"
        verbose_name_plural = "комментарии"

    def __str__(self) -> str:
        return self.text[:60]
