"""Forms of the assignment page and the curator's desk.

They only shape input: whether an action is allowed, and what a valid report is, is
decided by the life cycle (``assignments.lifecycle``, ``reporting``, ``extensions``; and
``answers.validate_answers`` for the structured part), so the page, the API and the tests
all meet the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms

from protokol.assignments.attachments import limits_hint
from protokol.protocols.forms import MultipleFileField
from protokol.protocols.report_template import NO, YES, Column, fields_of, table_columns

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    """Carries the assignment ``version`` the page was rendered with (optimistic locking):
    a stale page is refused with «изменено другим пользователем» instead of overwriting."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class NotApplicableForm(VersionedForm):
    justification = forms.CharField(
        label="Обоснование",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Почему поручение не относится к субъекту РФ.",
    )


class ExtensionForm(VersionedForm):
    new_date = forms.DateField(label="Новый срок", widget=DATE_INPUT)
    reason = forms.CharField(label="Обоснование", widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(forms.Form):
    text = forms.CharField(label="Комментарий", widget=forms.Textarea(attrs={"rows": 2}))


class DecidingForm(forms.Form):
    """A curator's decision carries the assignment ``version`` the page showed, like the
    region's forms and the API's ``If-Match``; optional as there (the bulk accept of the
    desk has none), but every page that renders a decision sends it."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    comment = forms.CharField(
        label="Комментарий", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(DecidingForm):
    """The curator's decision on a report; a return needs a comment (the service says so)."""


class ExtensionDecisionForm(DecidingForm):
    """The issuer's decision on an extension request: approve or reject."""


class BulkAcceptForm(forms.Form):
    reports = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Ids are checked against the user's queue by the view; here any integer passes.
        values = self.data.getlist("reports") if hasattr(self.data, "getlist") else []
        cast(forms.ChoiceField, self.fields["reports"]).choices = [(v, v) for v in values]
        self.fields["reports"].error_messages["required"] = "Выберите отчёты для принятия."


# --- the report form, built from the instruction's report template -----------------

YES_NO = [("", "—"), ("yes", YES), ("no", NO)]
MIN_TABLE_ROWS = 3


@dataclass
class AnswerWidget:
    """One entry of the template as the page lays it out: a field, or a table of fields."""

    spec: dict[str, Any]
    field: forms.BoundField | None = None
    columns: tuple[Column, ...] = ()
    rows: tuple[tuple[forms.BoundField, ...], ...] = ()

    @property
    def is_table(self) -> bool:
        return self.spec.get("type") == "table"


def _answer_field(kind: str | None, label: str, required: bool) -> forms.Field:
    """Input of one value. Values stay text here: ``answers.validate_answers`` (called by
    the service) reads «1 234,5», «28.12.2024» or «Иванова Анна Борисовна» and says what
    is wrong in the field's own words — one rule for the page, the API and imports."""
    if kind == "yes_no":
        return forms.ChoiceField(label=label, required=required, choices=YES_NO)
    if kind == "date":
        return forms.CharField(label=label, required=required, widget=DATE_INPUT)
    if kind == "number":
        widget = forms.TextInput(attrs={"inputmode": "decimal", "class": "number-input"})
        return forms.CharField(label=label, required=required, widget=widget)
    if kind == "person":
        widget = forms.TextInput(attrs={"placeholder": "Фамилия И.О."})
        return forms.CharField(label=label, required=required, max_length=300, widget=widget)
    if kind == "text_cell":
        return forms.CharField(label=label, required=False)
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": 2}))


def _initial(value: Any) -> Any:
    """A stored answer back as the text of its input."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


class ReportForm(VersionedForm):
    """A final or interim report: text, files, and the answers the template asks for.

    Answer fields are named ``answer__<key>``; a table cell ``answer__<key>__<row>__<col>``
    (blank rows are dropped by the validation). ``previous`` answers — those of a returned
    report — pre-fill the form so a correction is not retyped from scratch. Required
    answers are enforced by the service (an interim report may leave them empty).
    """

    text = forms.CharField(
        label="Текст отчёта", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    # A declared field: the form's metaclass moves it to ``base_fields``, so ``self.files``
    # stays the uploads the type checker expects. Empty files pass here so that ``assignments.attachments`` refuses them in its own
    # words, the same for the page and the API: it is the one home of the file rules.
    files = MultipleFileField(label="Файлы", required=False, allow_empty_file=True)  # type: ignore[assignment]

    def __init__(
        self,
        *args: Any,
        template: list[dict[str, Any]] | None = None,
        previous: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = limits_hint()
        self.template = fields_of(template)
        self.table_rows: dict[str, int] = {}
        previous = previous or {}
        for spec in self.template:
            key, kind = spec["key"], spec.get("type")
            label = spec.get("label") or key
            if kind == "table":
                old_rows = previous.get(key)
                old_rows = old_rows if isinstance(old_rows, list) else []
                self.table_rows[key] = max(MIN_TABLE_ROWS, len(old_rows) + 1)
                for row in range(self.table_rows[key]):
                    old = old_rows[row] if row < len(old_rows) else {}
                    old = old if isinstance(old, dict) else {}
                    for column in table_columns(spec):
                        name = f"answer__{key}__{row}__{column.key}"
                        cell_kind = "text_cell" if column.type == "text" else column.type
                        self.fields[name] = _answer_field(cell_kind, column.label, False)
                        if column.key in old:
                            self.initial[name] = _initial(old[column.key])
            else:
                name = f"answer__{key}"
                self.fields[name] = _answer_field(kind, label, False)
                if key in previous:
                    self.initial[name] = _initial(previous[key])

    def clean_files(self) -> list[Any]:
        return [upload for upload in self.cleaned_data.get("files") or [] if upload]

    def layout(self) -> list[AnswerWidget]:
        widgets = []
        for spec in self.template:
            key = spec["key"]
            if spec.get("type") == "table":
                columns = table_columns(spec)
                rows = tuple(
                    tuple(self[f"answer__{key}__{row}__{c.key}"] for c in columns)
                    for row in range(self.table_rows[key])
                )
                widgets.append(AnswerWidget(spec, columns=columns, rows=rows))
            else:
                widgets.append(AnswerWidget(spec, field=self[f"answer__{key}"]))
        return widgets

    def answers(self) -> dict[str, Any]:
        """The answers as typed, keyed like the template; call after ``is_valid``."""
        data = self.cleaned_data
        answers: dict[str, Any] = {}
        for spec in self.template:
            key = spec["key"]
            if spec.get("type") == "table":
                columns = table_columns(spec)
                answers[key] = [
                    {c.key: data.get(f"answer__{key}__{row}__{c.key}", "") for c in columns}
                    for row in range(self.table_rows[key])
                ]
            else:
                answers[key] = data.get(f"answer__{key}", "")
        return answers

    def show_answer_errors(self, errors: dict[str, str]) -> None:
        """Put the service's per-field complaints (``AnswersInvalid.errors``) on the fields."""
        for key, message in errors.items():
            name = f"answer__{key}"
            if name in self.fields:
                self.add_error(name, message)
            else:
                self.add_error(None, message)
