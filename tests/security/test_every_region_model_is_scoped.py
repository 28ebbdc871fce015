"""Every model whose rows lead to a region has its own ``visible_to(user)`` (STYLE.md §7).

The walk follows foreign keys, one-to-one and many-to-many fields forward from each
installed model, a few hops deep, and asks whether one of them arrives at
``regions.Region``. Such a model is region-owned — an operator of region A must not see
region B's rows — so its default manager must offer ``visible_to``: callers then never
re-derive the scope (``Report.objects.filter(assignment__in=…visible_to(user))``).

Edges into ``accounts.User`` are not followed: an author, actor or recipient is a person,
and a person's region is the seat they work at, not the owner of the row (a comment a
Moscow curator wrote on a Belgorod assignment is Belgorod's). Were they followed, every
audit row of Django's own apps would count as region-owned.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import models

HOPS = 4
NOT_OWNERSHIP = {"accounts.User", "contenttypes.ContentType"}

# Models that lead to a region and need no ``visible_to``, each with the reason.
ALLOWED = {
    # People, not records: who exists is managed in Django admin by the ministry and no
    # page lists users to a region; a user's region is their seat (see above).
    "accounts.User": "people are not region-owned records",
}


def _targets(model: type[models.Model]) -> list[type[models.Model]]:
    fields = [*model._meta.get_fields(), *model._meta.many_to_many]
    return [
        field.related_model
        for field in fields
        if field.is_relation
        and field.concrete
        and (field.many_to_one or field.one_to_one or field.many_to_many)
        and field.related_model is not None
    ]


def path_to_region(model: type[models.Model]) -> list[str] | None:
    """The chain of models from ``model`` to ``regions.Region`` (breadth first), or None."""
    region = apps.get_model("regions", "Region")
    frontier: list[list[type[models.Model]]] = [[model]]
    seen = {model}
    for _ in range(HOPS):
        following = []
        for chain in frontier:
            for target in _targets(chain[-1]):
                if target is region:
                    return [m._meta.label for m in [*chain, target]]
                if target in seen or target._meta.label in NOT_OWNERSHIP:
                    continue
                seen.add(target)
                following.append([*chain, target])
        frontier = following
    return None


REGION_OWNED = {
    model._meta.label: path
    for model in apps.get_models()
    if model._meta.label != "regions.Region" and (path := path_to_region(model)) is not None
}


def test_the_walk_finds_the_models_known_to_belong_to_a_region():
    # A guard on the walker itself: were it broken, the test below would pass on nothing.
    expected = {
        "assignments.Assignment",
        "assignments.Report",
        "assignments.ReportFile",
        "assignments.ExtensionRequest",
        "assignments.Comment",
        "protocols.Instruction",
        "protocols.GeneratedDocument",
        "notifications.Notification",
        "organizations.Organization",
    }
    assert expected <= set(REGION_OWNED)
    assert REGION_OWNED["assignments.ReportFile"] == [
        "assignments.ReportFile",
        "assignments.Report",
        "assignments.Assignment",
        "regions.Region",
    ]
    assert "core.Event" not in REGION_OWNED  # an actor's seat is not ownership


@pytest.mark.parametrize("label", sorted(REGION_OWNED))
def test_a_model_that_leads_to_a_region_has_visible_to_on_its_default_manager(label):
    if label in ALLOWED:
        return
    model = apps.get_model(label)
    visible_to = getattr(model._default_manager, "visible_to", None)
    assert callable(visible_to), (
        f"{label} leads to a region ({' → '.join(REGION_OWNED[label])}) but "
        f"{label}.objects has no visible_to(user): give it a RegionScopedQuerySet with "
        "region_lookup, or add it to ALLOWED with the reason."
    )
    # Nobody signed in sees nothing, whatever the model (no query needed to know it).
    assert visible_to(AnonymousUser()).query.is_empty()


def test_the_allow_list_holds_only_models_that_lead_to_a_region():
    assert set(ALLOWED) <= set(REGION_OWNED)
