"""What the API returns: flat, explicit fields; codes for states, Russian labels beside them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from ninja import Field, Schema

from protokol.api.common import Text
from protokol.assignments.lifecycle import allowed_actions
from protokol.core.clock import moscow_today


class RegionOut(Schema):
    code: str
    name: str
    short_name: str
    district: str | None


class ProtocolOut(Schema):
    id: int
    number: str
    date: dt.date | None
    title: str
    state: str
    state_label: str
    version: int
    published_at: dt.datetime | None

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return str(obj.get_state_display())


class InstructionOut(Schema):
    id: int
    protocol_id: int
    code: str
    number: str
    text: str
    kind: str
    action: str
    report_required: bool
    state: str
    state_label: str
    all_regions: bool
    deadline_date: dt.date | None = Field(
        description="срок, как его указывает протокол; срок субъекта РФ — due_date его исполнения"
    )
    deadline_text: str
    recurrence: Any = None
    without_deadline: bool
    report_template: list[dict[str, Any]]
    curator_id: int | None

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return str(obj.get_state_display())


class AssignmentOut(Schema):
    id: int
    instruction_id: int
    instruction_code: str
    protocol_id: int
    region: str
    period: int
    state: str
    state_label: str
    due_date: dt.date | None = Field(
        description="срок исполнения субъекта РФ: с учётом производственного календаря и "
        "согласованного переноса (тот же, что на странице, в выписке и в выгрузках)"
    )
    due_label: str = Field(
        description="срок словами: «до 22 ноября 2024 г.», «без срока»; у периодического "
        "поручения — с периодичностью"
    )
    periodicity: str = Field(description="периодичность («ежемесячно, до 10 числа») или пусто")
    overdue: bool
    version: int
    acknowledged_at: dt.datetime | None
    closed_at: dt.datetime | None
    actions: list[str] = Field(
        description="действия, доступные вызывающему сейчас (acknowledge, start, submit, …)"
    )

    @staticmethod
    def resolve_instruction_code(obj: Any) -> str:
        return str(obj.instruction.code)

    @staticmethod
    def resolve_protocol_id(obj: Any) -> int:
        return int(obj.instruction.protocol_id)

    @staticmethod
    def resolve_region(obj: Any) -> str:
        return str(obj.region_id)

    @staticmethod
    def resolve_state_label(obj: Any) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_due_label(obj: Any) -> str:
        return str(obj.due.label)

    @staticmethod
    def resolve_periodicity(obj: Any) -> str:
        return str(obj.due.periodicity)

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        return bool(obj.is_overdue(moscow_today()))

    @staticmethod
    def resolve_actions(obj: Any, context: dict[str, Any]) -> list[str]:
        user = context["request"].auth
        return sorted(allowed_actions(obj, user))


class ReportFileOut(Schema):
    id: int
    filename: str
    content_type: str
    size: int
    sha256: str
    url: str
    # What the content check let through for the curator to know (codes, and their labels).
    warnings: list[str]
    warning_labels: list[str]

    @staticmethod
    def resolve_warning_labels(obj: Any) -> list[str]:
        return list(obj.warning_texts)

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return reverse("api-v1:report_file", kwargs={"report_id": obj.report_id, "file_id": obj.pk})


class ReportOut(Schema):
    id: int
    assignment_id: int
    number: int
    kind: str
    text: str
    answers: dict[str, Any]
    submitted_by: str
    submitted_at: dt.datetime
    decision: str
    decision_comment: str
    decided_at: dt.datetime | None
    files: list[ReportFileOut]

    @staticmethod
    def resolve_submitted_by(obj: Any) -> str:
        return str(obj.submitted_by.short_name)

    @staticmethod
    def resolve_files(obj: Any) -> list[Any]:
        return list(obj.files.all())


class ExtensionRequestOut(Schema):
    id: int
    assignment_id: int
    requested_date: dt.date
    previous_due_date: dt.date | None
    granted_date: dt.date | None = Field(
        description="срок, который дало согласование: запрошенный день или предыдущий рабочий"
    )
    outcome: str = Field(
        description="решение словами: «31 декабря 2024 г. — нерабочий день; срок — 28 декабря "
        "2024 г.»; пусто, пока не согласовано"
    )
    reason: str
    exceptional: bool
    requested_at: dt.datetime
    decision: str
    decision_comment: str
    decided_at: dt.datetime | None


class CommentOut(Schema):
    id: int
    assignment_id: int
    author: str
    text: str
    created_at: dt.datetime

    @staticmethod
    def resolve_author(obj: Any) -> str:
        return str(obj.author.short_name)


class EventOut(Schema):
    id: int
    created_at: dt.datetime
    actor: str | None
    verb: str
    object_type: str
    object_id: str
    region_code: str
    summary: str

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return obj.actor.short_name if obj.actor_id else None


class NotificationOut(Schema):
    id: int
    kind: str
    subject: str
    body: str
    created_at: dt.datetime
    read_at: dt.datetime | None
    protocol_id: int | None
    assignment_id: int | None


# Request bodies.


class CommentIn(Schema):
    comment: Text = ""


class ReturnIn(Schema):
    comment: Text


class NotApplicableIn(Schema):
    justification: Text


class ExtensionIn(Schema):
    new_date: dt.date
    reason: Text


class DecisionIn(Schema):
    approve: bool
    comment: Text = ""


class CommentCreateIn(Schema):
    text: Text
