from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from protokol.core.jobs import BackgroundRun
from protokol.protocols.querysets import (
    GeneratedDocumentQuerySet,
    InstructionQuerySet,
    ProtocolQuerySet,
)


class SourceDocument(models.Model):
    """An uploaded file kept byte for byte; the same bytes uploaded again are the same row."""

    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    file = models.FileField("файл", upload_to="sources/%Y/%m/")
    filename = models.CharField("имя файла", max_length=255)
    size = models.PositiveBigIntegerField("размер, байт")
    format = models.CharField("формат", max_length=16)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField("загружен", auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = "исходный файл"
        verbose_name_plural = "исходные файлы"

    def __str__(self) -> str:
        return self.filename


class ImportJob(BackgroundRun):
    """One run of the import pipeline over one or more files; the UI shows its state.

    queued → running → done | failed. A failed run leaves no protocol behind, only
    its Russian ``error`` for the person who uploaded.
    """

    sources = models.ManyToManyField(SourceDocument, related_name="import_jobs")
    protocol = models.ForeignKey(
        "Protocol", on_delete=models.SET_NULL, null=True, blank=True, related_name="import_jobs"
    )
    steps = models.JSONField("шаги", default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "импорт"
        verbose_name_plural = "импорты"

    def __str__(self) -> str:
        return f"Импорт {self.pk} ({self.get_state_display()})"


class Protocol(models.Model):
    """A protocol of a meeting with the regions, with its cover letter.

    draft (being reviewed) → published (assignments exist; corrections create versions).
    ``text`` is the normalised source text; instruction spans index into it. Once
    published, the row holds what the regions were sent: an edit of a requisite waits in
    ``pending`` until the next version is published (``corrections.py``).
    """

    class State(models.TextChoices):
        DRAFT = "draft", "черновик"
        PUBLISHED = "published", "опубликован"

    class DocumentKind(models.TextChoices):
        """What the imported document is: the cover letter's wording follows it."""

        PROTOCOL = "protocol", "протокол"
        INSTRUCTIONS = "instructions", "перечень поручений"
        LETTER = "letter", "письмо"
        TELEGRAM = "telegram", "телеграмма"
        OTHER = "other", "документ"

    state = models.CharField("состояние", max_length=16, choices=State.choices, default=State.DRAFT)
    document_kind = models.CharField(
        "вид документа", max_length=16, choices=DocumentKind.choices, default=DocumentKind.PROTOCOL
    )
    number = models.CharField("номер", max_length=100, blank=True)
    date = models.DateField("дата", null=True, blank=True)
    title = models.TextField("заголовок", blank=True)
    place = models.CharField("место", max_length=200, blank=True)
    issuer = models.CharField("орган", max_length=500, blank=True)
    chair = models.CharField("председательствовал", max_length=200, blank=True)
    attendees = models.JSONField("присутствовали", default=list, blank=True)
    text = models.TextField("текст документа", blank=True)
    sources = models.ManyToManyField(SourceDocument, related_name="protocols", blank=True)
    # Cover letter requisites (DOMAIN.md §3).
    letter_number = models.CharField("номер письма", max_length=100, blank=True)
    letter_date = models.DateField("дата письма", null=True, blank=True)
    letter_title = models.CharField("заголовок письма", max_length=300, blank=True)
    letter_addressee = models.TextField("адресат письма", blank=True)
    letter_body = models.TextField("текст письма", blank=True)
    letter_signatory = models.CharField("подписант", max_length=200, blank=True)
    letter_signatory_position = models.CharField("должность подписанта", max_length=300, blank=True)
    letter_executor = models.CharField("исполнитель", max_length=200, blank=True)
    letter_executor_phone = models.CharField("телефон исполнителя", max_length=100, blank=True)
    letter_attachment = models.CharField("отметка о приложении", max_length=200, blank=True)
    default_curator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="куратор по умолчанию",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField("версия", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField("опубликован", null=True, blank=True)
    # Corrections of the requisites not yet published: {field name: value as JSON}.
    pending = models.JSONField("неопубликованные исправления", default=dict, blank=True)

    objects = ProtocolQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = "протокол"
        verbose_name_plural = "протоколы"

    def __str__(self) -> str:
        return f"Протокол № {self.number}" if self.number else f"Протокол (черновик {self.pk})"

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT


class Section(models.Model):
    """An agenda item of a protocol: «III. О развитии системы ЦОПП» with its speakers."""

    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField("порядок")
    number = models.CharField("номер", max_length=20, blank=True)
    title = models.TextField("название", blank=True)
    speakers = models.JSONField("докладчики", default=list, blank=True)
    report_noted = models.BooleanField("доклад принят к сведению", default=False)

    class Meta:
        ordering = ["protocol", "position"]
        verbose_name = "раздел"
        verbose_name_plural = "разделы"

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title


class Instruction(models.Model):
    """One поручение: what to do, who must do it, by when.

    draft → published → closed (every assignment accepted, not applicable or cancelled);
    published → withdrawn (assignments cancelled). Addressees: all regions, the chosen
    ``regions`` (for a ``condition`` a person chooses the regions meeting it), and
    non-regional ``others`` who receive no assignments. A published row holds what the
    regions were sent: an edit waits in ``pending`` until the protocol's next version is
    published (``corrections.py``); a draft, which no region sees, is edited in place.
    """

    class Kind(models.TextChoices):
        MANDATORY = "mandatory", "поручение"
        RECOMMENDATION = "recommendation", "рекомендация"

    class Action(models.TextChoices):
        ENSURE = "ensure", "обеспечить"
        REPORT = "report", "направить информацию"
        ORGANIZE = "organize", "организовать"
        CONSIDER = "consider", "рассмотреть"
        INFORM = "inform", "проинформировать"
        APPOINT = "appoint", "назначить"
        OTHER = "other", "иное"

    class State(models.TextChoices):
        DRAFT = "draft", "черновик"
        PUBLISHED = "published", "на контроле"
        WITHDRAWN = "withdrawn", "отозвано"
        CLOSED = "closed", "исполнено"

    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="instructions")
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="instructions"
    )
    position = models.PositiveIntegerField("порядок")
    code = models.CharField("обозначение", max_length=40)
    number = models.CharField("номер", max_length=20, blank=True)
    text = models.TextField("текст")
    kind = models.CharField("вид", max_length=16, choices=Kind.choices, default=Kind.MANDATORY)
    action = models.CharField(
        "действие", max_length=16, choices=Action.choices, default=Action.OTHER
    )
    report_required = models.BooleanField("требуется отчёт", default=False)
    all_regions = models.BooleanField("всем субъектам РФ", default=False)
    regions = models.ManyToManyField("regions.Region", related_name="instructions", blank=True)
    condition = models.CharField("условие отбора субъектов", max_length=500, blank=True)
    others = models.JSONField("иные адресаты", default=list, blank=True)
    co_executors = models.JSONField("соисполнители", default=list, blank=True)
    deadline_date = models.DateField("срок", null=True, blank=True)
    deadline_text = models.CharField("срок, как написано", max_length=300, blank=True)
    deadline_inherited = models.BooleanField("срок блока", default=False)
    recurrence = models.JSONField("периодичность", null=True, blank=True)
    without_deadline = models.BooleanField("без срока", default=False)
    # Fields the region fills in when reporting: [{"key", "label", "type", "required",
    # "columns"?}], type one of number, date, text, person, yes_no, table (see assignments).
    report_template = models.JSONField("форма отчёта", default=list, blank=True)
    curator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="куратор",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="curated_instructions",
    )
    state = models.CharField("состояние", max_length=16, choices=State.choices, default=State.DRAFT)
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    # Corrections not yet published: {field attname: value as JSON, "regions": [codes]}.
    pending = models.JSONField("неопубликованные исправления", default=dict, blank=True)

    objects = InstructionQuerySet.as_manager()

    class Meta:
        ordering = ["protocol", "position"]
        verbose_name = "поручение"
        verbose_name_plural = "поручения"
        constraints = [
            models.CheckConstraint(
                name="instruction_span_ordered",
                condition=Q(span_start__isnull=True) | Q(span_end__gte=models.F("span_start")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text[:80]}"

    @property
    def is_recommendation(self) -> bool:
        return self.kind == self.Kind.RECOMMENDATION


class ReviewWarning(models.Model):
    """A doubt raised by extraction, kept until a reviewer resolves or dismisses it."""

    class Status(models.TextChoices):
        OPEN = "open", "требует внимания"
        RESOLVED = "resolved", "исправлено"
        DISMISSED = "dismissed", "отклонено"

    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="warnings")
    code = models.CharField("код", max_length=64)
    message = models.TextField("сообщение")
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    note = models.TextField("примечание", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["protocol", "span_start", "id"]
        verbose_name = "предупреждение"
        verbose_name_plural = "предупреждения"

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class ProtocolVersion(models.Model):
    """A frozen snapshot of a published protocol; a correction adds the next one with a diff."""

    protocol = models.ForeignKey(Protocol, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("версия")
    snapshot = models.JSONField("содержание")
    changes = models.JSONField("изменения относительно предыдущей версии", default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["protocol", "number"]
        constraints = [
            models.UniqueConstraint(fields=["protocol", "number"], name="one_version_number")
        ]
        verbose_name = "версия протокола"
        verbose_name_plural = "версии протоколов"

    def __str__(self) -> str:
        return f"{self.protocol} — версия {self.number}"


class GeneratedDocument(models.Model):
    """A document produced on publication: the cover letter, or a region's protocol extract."""

    class Kind(models.TextChoices):
        COVER_LETTER_DOCX = "cover_letter_docx", "сопроводительное письмо (DOCX)"
        COVER_LETTER_PDF = "cover_letter_pdf", "сопроводительное письмо (PDF)"
        EXTRACT_DOCX = "extract_docx", "выписка из протокола (DOCX)"
        EXTRACT_PDF = "extract_pdf", "выписка из протокола (PDF)"

    version = models.ForeignKey(ProtocolVersion, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file = models.FileField(upload_to="generated/%Y/%m/")
    filename = models.CharField(max_length=255)

    objects = GeneratedDocumentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "kind", "region"], name="one_document_per_kind_and_region"
            )
        ]
        verbose_name = "сформированный документ"
        verbose_name_plural = "сформированные документы"

    def __str__(self) -> str:
        return self.filename
