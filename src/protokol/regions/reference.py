"""Loading the regions reference from the extraction package into the database."""

from __future__ import annotations

from typing import Any

from protokol.extraction.regions import all_regions


def sync_regions(region_model: Any) -> int:
    """Create or update every region from the packaged reference; returns their number.

    Takes the model class as an argument so migrations can pass their historical model.
    """
    regions = all_regions()
    for region in regions:
        region_model.objects.update_or_create(
            code=region.code,
            defaults={
                "name": region.name,
                "short_name": region.short_name,
                "district": region.district,
                "utc_offset": region.utc_offset,
                "forms": list(region.forms),
            },
        )
    return len(regions)
