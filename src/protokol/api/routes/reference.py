"""Regions: the 89 subjects, each operator sees their own."""

# No `from __future__ import annotations`: ninja reads the parameter types at run time.
from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.pagination import paginate

from protokol.api.common import RegionCode, Word, caller, get_or_404
from protokol.api.errors import READ_ERRORS
from protokol.api.pagination import Pages
from protokol.api.schemas import RegionOut
from protokol.regions.models import Region

router = Router(tags=["Субъекты РФ"])


@router.get("/regions", response={200: list[RegionOut], **READ_ERRORS}, summary="Субъекты РФ")
@paginate(Pages)
def list_regions(request: HttpRequest, district: Word | None = None) -> Any:
    regions = Region.objects.visible_to(caller(request))
    if district:
        regions = regions.filter(district=district)
    return regions


@router.get("/regions/{code}", response={200: RegionOut, **READ_ERRORS}, summary="Субъект РФ")
def get_region(request: HttpRequest, code: RegionCode) -> Any:
    return get_or_404(Region.objects.visible_to(caller(request)), code=code)
