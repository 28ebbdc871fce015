from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from protokol.accounts.models import User
from protokol.protocols.models import Protocol


def test_setup_demo_creates_users_and_publishes_the_sample_once(run, db):
    out, _ = run("setup_demo")
    assert {"admin", "curator", "observer", "belgorod", "moscow", "tyva"} <= set(
        User.objects.values_list("username", flat=True)
    )
    assert Protocol.objects.get().state == "published"
    assert "Образец опубликован" in out
    # Roles and regions are printed in Russian, as a user reads them.
    assert "— администратор министерства" in out
    assert "— оператор региона: Белгородская область" in out
    assert "operator" not in out and "регион 31" not in out
    again, _ = run("setup_demo")
    assert "уже загружен" in again
    assert Protocol.objects.count() == 1


def test_setup_demo_refuses_production(run, db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="не создаются в production"):
        run("setup_demo")
