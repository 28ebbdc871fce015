from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError

from protokol.accounts.models import User
from protokol.protocols.corrections import chosen_region_codes
from protokol.protocols.importing import Upload, UploadRejected, check_upload
from protokol.protocols.models import Instruction, Protocol


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class UploadForm(forms.Form):
    # A declared field (moved to ``base_fields``): ``self.files`` stays the uploads.
    files = MultipleFileField(  # type: ignore[assignment]
        label="Файлы протокола",
        help_text="Протокол и сопроводительное письмо — одним файлом или двумя: "
        "DOCX, PDF, ODT, RTF, TXT, HTML.",
        error_messages={"required": "Выберите хотя бы один файл.", "empty": "Файл пуст."},
    )

    def clean_files(self) -> list[Upload]:
        uploads = [Upload(f.name, f.read()) for f in self.cleaned_data["files"]]
        problems = []
        for upload in uploads:
            try:
                check_upload(upload)
            except UploadRejected as error:
                problems.append(str(error))
        if problems:
            raise ValidationError(problems)
        return uploads


class OnlyChangedFields:
    """Each field carries the value the page was rendered with (Django's hidden initial),
    so a save applies only what this tab changed: a second, stale tab cannot undo edits
    made meanwhile in another one."""

    fields: dict[str, forms.Field]

    def _track_initial_values(self) -> None:
        for field in self.fields.values():
            field.show_hidden_initial = True


def _curators() -> Any:
    return User.objects.curator_candidates().order_by("last_name")


def curator_choices() -> list[tuple[int | str, str]]:
    return [(user.pk, user.short_name) for user in _curators()]


class ProtocolForm(OnlyChangedFields, forms.ModelForm):
    class Meta:
        model = Protocol
        fields = [
            "number", "date", "title", "place", "chair", "default_curator",
            "letter_number", "letter_date", "letter_title", "letter_addressee", "letter_body",
            "letter_signatory", "letter_signatory_position", "letter_executor",
            "letter_executor_phone", "letter_attachment",
        ]  # fmt: skip
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "letter_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "title": forms.Textarea(attrs={"rows": 2}),
            "letter_addressee": forms.Textarea(attrs={"rows": 2}),
            "letter_body": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["default_curator"]).queryset = _curators()
        self._track_initial_values()

    def changed_values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.changed_data}


RECURRENCE_CHOICES = [
    ("", "не повторяется"),
    ("weekly", "еженедельно"),
    ("monthly", "ежемесячно"),
    ("quarterly", "ежеквартально"),
    ("half_yearly", "раз в полгода"),
    ("yearly", "ежегодно"),
    ("permanent", "постоянно"),
]


class InstructionForm(OnlyChangedFields, forms.ModelForm):
    """One instruction on the review page; saved field by field as the reviewer types.

    Its instance is the instruction as corrected (``corrections.shown``); ``unpublished``
    lists what those corrections change against what the regions have.
    """

    region_codes = forms.MultipleChoiceField(
        label="Субъекты РФ", required=False, widget=forms.CheckboxSelectMultiple
    )
    others_text = forms.CharField(
        label="Иные адресаты (по одному в строке)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    co_executors_text = forms.CharField(
        label="Соисполнители (по одному в строке)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 1}),
    )
    recurrence_kind = forms.ChoiceField(
        label="Периодичность", choices=RECURRENCE_CHOICES, required=False
    )
    recurrence_day = forms.IntegerField(
        label="до какого числа", required=False, min_value=1, max_value=31
    )
    # Plain choices computed once per page: a ModelChoiceField would query once per form.
    curator_id = forms.TypedChoiceField(
        label="Куратор", coerce=int, required=False, empty_value=None
    )

    class Meta:
        model = Instruction
        fields = [
            "code", "text", "kind", "action", "report_required", "all_regions", "condition",
            "deadline_date", "deadline_text", "without_deadline",
        ]  # fmt: skip
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "deadline_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(
        self,
        *args: Any,
        region_choices: list[tuple[str, list[tuple[str, str]]]],
        curator_choices: list[tuple[int | str, str]],
        unpublished: list[dict[str, Any]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        instance: Instruction = self.instance
        self.unpublished = unpublished or []
        self.region_groups = region_choices
        cast(forms.ChoiceField, self.fields["region_codes"]).choices = region_choices
        cast(forms.ChoiceField, self.fields["curator_id"]).choices = [
            ("", "— по умолчанию —"),
            *curator_choices,
        ]
        if instance.pk and not self.is_bound:
            self.initial["curator_id"] = instance.curator_id
            self.initial["region_codes"] = chosen_region_codes(instance)
            self.initial["others_text"] = "\n".join(instance.others)
            self.initial["co_executors_text"] = "\n".join(instance.co_executors)
            recurrence = instance.recurrence or {}
            self.initial["recurrence_kind"] = recurrence.get("kind", "")
            self.initial["recurrence_day"] = recurrence.get("day_of_month")
        self._track_initial_values()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("without_deadline") and data.get("deadline_date"):
            self.add_error("without_deadline", "Либо срок, либо «без срока» — не оба сразу.")
        if not (data.get("text") or "").strip():
            self.add_error("text", "Текст поручения не может быть пустым.")
        return data

    def changed_values(self) -> dict[str, Any]:
        """Model field values this tab changed (the chosen regions: ``changed_regions``)."""
        data, changed = self.cleaned_data, set(self.changed_data)
        values = {name: data[name] for name in self.Meta.fields if name in changed}
        if "curator_id" in changed:
            values["curator_id"] = data.get("curator_id")
        if "others_text" in changed:
            values["others"] = _lines(data["others_text"])
        if "co_executors_text" in changed:
            values["co_executors"] = _lines(data["co_executors_text"])
        if changed & {"recurrence_kind", "recurrence_day"}:
            values["recurrence"] = self._recurrence()
        return values

    def initial_regions_hidden(self) -> str:
        """The rendered-with region codes; the checkboxes themselves are laid out by district."""
        return self["region_codes"].as_hidden(only_initial=True)

    def chosen_region_names(self) -> list[str]:
        """The regions checked in the picker, named as its boxes are."""
        chosen = set(self["region_codes"].value() or [])
        return [
            name for _, options in self.region_groups for code, name in options if code in chosen
        ]

    def changed_regions(self) -> list[str] | None:
        return self.cleaned_data["region_codes"] if "region_codes" in self.changed_data else None

    def _recurrence(self) -> dict[str, Any] | None:
        kind = self.cleaned_data.get("recurrence_kind")
        if not kind:
            return None
        old = self.instance.recurrence or {}
        # Keep the wording as written while the kind is unchanged.
        description = old["description"] if old.get("kind") == kind else ""
        return {
            **old,
            "kind": kind,
            "day_of_month": self.cleaned_data.get("recurrence_day"),
            "description": description or dict(RECURRENCE_CHOICES)[kind],
        }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class WithdrawForm(forms.Form):
    reason = forms.CharField(label="Основание отзыва", widget=forms.Textarea(attrs={"rows": 2}))


class WarningDecisionForm(forms.Form):
    status = forms.ChoiceField(choices=[("resolved", "исправлено"), ("dismissed", "отклонить")])
    note = forms.CharField(required=False, max_length=1000)
