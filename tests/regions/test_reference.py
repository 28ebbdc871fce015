"""The regions reference as loaded into the database by the migration."""

import datetime as dt

from protokol.extraction.regions import all_regions
from protokol.organizations.models import Organization
from protokol.regions.models import Region


def test_the_migration_loads_all_89_regions(db):
    assert Region.objects.count() == 89
    assert set(Region.objects.values_list("code", flat=True)) == {r.code for r in all_regions()}


def test_the_database_copy_matches_the_parsers_reference(db):
    stored = {r.code: r for r in Region.objects.all()}
    for region in all_regions():
        row = stored[region.code]
        assert (row.name, row.short_name, row.district, row.utc_offset) == (
            region.name,
            region.short_name,
            region.district,
            region.utc_offset,
        )
        assert row.forms == list(region.forms)


def test_new_subjects_have_no_district_and_are_grouped_apart(db):
    new = Region.objects.filter(district=None)
    assert set(new.values_list("code", flat=True)) == {"90", "93", "94", "95"}
    assert {r.district_label for r in new} == {"Новые субъекты"}


def test_every_region_has_one_education_authority(db):
    authorities = Organization.objects.regional_authorities()
    assert authorities.count() == 89
    assert authorities.values("region").distinct().count() == 89


def test_region_local_time_uses_its_utc_offset(db):
    kamchatka = Region.objects.get(code="41")
    noon_utc = dt.datetime(2024, 10, 23, 12, 0, tzinfo=dt.UTC)
    assert kamchatka.local_time(noon_utc) == dt.datetime(
        2024, 10, 24, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=12))
    )
    assert kamchatka.moscow_offset == 9
