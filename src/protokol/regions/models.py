from __future__ import annotations

import datetime as dt

from django.db import models

from protokol.regions.querysets import RegionQuerySet


class FederalDistrict(models.TextChoices):
    CENTRAL = "ЦФО", "Центральный федеральный округ"
    NORTHWESTERN = "СЗФО", "Северо-Западный федеральный округ"
    SOUTHERN = "ЮФО", "Южный федеральный округ"
    NORTH_CAUCASIAN = "СКФО", "Северо-Кавказский федеральный округ"
    VOLGA = "ПФО", "Приволжский федеральный округ"
    URAL = "УФО", "Уральский федеральный округ"
    SIBERIAN = "СФО", "Сибирский федеральный округ"
    FAR_EASTERN = "ДФО", "Дальневосточный федеральный округ"


# The four subjects admitted in 2022 belong to no federal district yet (DOMAIN.md §4).
NEW_SUBJECTS_GROUP = "Новые субъекты"


class Region(models.Model):
    """A subject of the Russian Federation, keyed by its tax-service / ГАР code ("01"…"95").

    ``forms`` holds every case form and variant of the name; the parser's copy in
    ``protokol.extraction`` is the source of truth and a migration loads it here.
    """

    code = models.CharField("код", max_length=2, primary_key=True)
    name = models.CharField("наименование", max_length=120, unique=True)
    short_name = models.CharField("краткое наименование", max_length=120)
    # NULL, not "": "no district" is a fact about the four new subjects, not a missing value.
    district = models.CharField(  # noqa: DJ001
        "федеральный округ", max_length=4, choices=FederalDistrict.choices, null=True, blank=True
    )
    utc_offset = models.SmallIntegerField("смещение от UTC, ч")
    forms = models.JSONField("падежные формы и варианты", default=list, blank=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = "субъект РФ"
        verbose_name_plural = "субъекты РФ"

    def __str__(self) -> str:
        return self.name

    @property
    def district_label(self) -> str:
        return self.get_district_display() if self.district else NEW_SUBJECTS_GROUP

    @property
    def moscow_offset(self) -> int:
        """Hours ahead of Moscow, the time all deadlines are counted in."""
        return self.utc_offset - 3

    def local_time(self, moment: dt.datetime) -> dt.datetime:
        return moment.astimezone(dt.timezone(dt.timedelta(hours=self.utc_offset)))
