"""``{{ warning.code|warning_label }}``: the Russian name the reviewer reads for a code."""

from __future__ import annotations

from django import template

from protokol.protocols.warning_labels import warning_label as label_of

register = template.Library()


@register.filter
def warning_label(code: str) -> str:
    return label_of(code)
