"""The initial organizations: an education authority per region and the sample's federal bodies."""

from __future__ import annotations

from typing import Any

# Bodies that speak or co-execute in the sample protocol.
FEDERAL_BODIES = [
    (
        "ministry_department",
        "Департамент государственной политики в сфере среднего профессионального образования "
        "и профессионального обучения Минпросвещения России",
        "Департамент СПО",
        "d05@edu.gov.ru",
    ),
    (
        "other",
        "ФГБОУ ДПО «Институт развития профессионального образования»",
        "ИРПО",
        "",
    ),
    (
        "other",
        "Союз директоров организаций среднего профессионального образования России",
        "Союз директоров СПО",
        "",
    ),
    ("other", "Ассоциация волонтерских центров", "АВЦ", ""),
]


def create_initial_organizations(organization_model: Any, region_model: Any) -> None:
    """Idempotent: an existing organization is left as the admin edited it."""
    for region in region_model.objects.all():
        organization_model.objects.get_or_create(
            kind="regional_authority",
            region=region,
            defaults={
                "name": f"Орган исполнительной власти в сфере образования — {region.name}",
                "short_name": f"Орган управления образованием ({region.short_name})",
            },
        )
    for kind, name, short_name, email in FEDERAL_BODIES:
        organization_model.objects.get_or_create(
            kind=kind, name=name, defaults={"short_name": short_name, "email": email}
        )
