"""The report template editor of the review page (the form a region fills in to report)."""

from __future__ import annotations

from typing import Any

from django import template

from protokol.protocols.models import Instruction
from protokol.protocols.report_template import (
    FIELD_TYPES,
    SAMPLE_INSTRUCTION_PRESETS,
    TEMPLATE_PRESETS,
    template_rows,
)

register = template.Library()


@register.inclusion_tag("protocols/_report_template.html", takes_context=True)
def report_template_editor(context: template.Context, instruction: Instruction) -> dict[str, Any]:
    """Presets to start from and the field list to edit; read-only without ``can_edit``."""
    fields = [f for f in instruction.report_template or [] if isinstance(f, dict)]
    return {
        "instruction": instruction,
        "fields": [
            {**field, "type_name": FIELD_TYPES.get(field.get("type", ""), field.get("type"))}
            for field in fields
        ],
        "rows": template_rows(fields),
        "presets": [(key, preset["label"]) for key, preset in TEMPLATE_PRESETS.items()],
        "suggested": SAMPLE_INSTRUCTION_PRESETS.get(instruction.code, ""),
        "types": list(FIELD_TYPES.items()),
        "can_edit": context.get("can_edit", False),
        "csrf_token": context.get("csrf_token"),
    }
