"""Russian names of extraction's warning codes, as the reviewer reads them.

Extraction keeps stable English codes (``regions_excluded``) for programs; a person sees
only these labels beside the warning's own message. A code without a label here (one
added to extraction later) is shown under a neutral heading, never as the raw code.
"""

from __future__ import annotations

WARNING_LABELS: dict[str, str] = {
    # Reading the file.
    "empty": "Пустой файл",
    "encrypted_pdf": "PDF защищён паролем",
    "file_access_denied": "Нет доступа к файлу",
    "file_not_found": "Файл не найден",
    "file_unreadable": "Файл не читается",
    "internal": "Сбой при распознавании",
    "no_text_layer": "В PDF нет текстового слоя",
    "too_large": "Файл слишком большой",
    "unknown_encoding": "Неизвестная кодировка",
    "unreadable": "Текст не распознан",
    "unsupported_format": "Формат не поддерживается",
    "table_columns_guessed": "Столбцы таблицы определены по содержимому",
    # The document's structure.
    "no_documents": "Документ не найден",
    "several_documents": "В файле несколько документов",
    "no_instructions": "Поручения не найдены",
    "decision_without_instructions": "Решение без поручений",
    "speaker_initials_differ": "Инициалы докладчика расходятся",
    "speaker_not_in_attendees": "Докладчика нет среди участников",
    # Addressees.
    "no_addressee": "Нет исполнителя",
    "unknown_region": "Неизвестный субъект",
    "duplicate_region": "Субъект назван дважды",
    "regions_excluded": "Все субъекты, кроме названных",
    "federal_district": "Адресат — федеральный округ",
    "regions_condition": "Адресаты заданы условием",
    "author_region": "Документ издан субъектом",
    # Deadlines.
    "calendar_invalid": "Ошибка производственного календаря",
    "deadline_before_document": "Срок раньше даты документа",
    "deadline_implausible": "Сомнительный срок",
    "deadline_non_working_day": "Срок в нерабочий день",
    "deadline_year_assumed": "Год срока не указан",
}
UNKNOWN_WARNING_LABEL = "Замечание"


def warning_label(code: str) -> str:
    return WARNING_LABELS.get(code, UNKNOWN_WARNING_LABEL)
