"""Personas shared by every test module (healthchecks-style: one user per role and region).

Operators: Белгородская область (31) is "region A", Москва (77) "region B", Тыва (17) a third.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.factories import make_user, publish_sample, review_sample

if TYPE_CHECKING:
    from django.test import Client

    from protokol.accounts.models import User
    from protokol.protocols.models import Protocol

# Django is imported inside the fixtures: the pure extraction tests run without it.


SAMPLE = Path(__file__).parent / "samples" / "sample_protocol.txt"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tasks run at once (after commit) unless a test exercises the worker itself.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


@pytest.fixture
def ministry_admin(db) -> User:
    return make_user("admin", "admin")


@pytest.fixture
def curator(db) -> User:
    return make_user("curator", "curator")


@pytest.fixture
def observer(db) -> User:
    return make_user("observer", "observer")


@pytest.fixture
def operator_a(db) -> User:
    """Operator of Белгородская область."""
    return make_user("belgorod", "operator", "31")


@pytest.fixture
def operator_b(db) -> User:
    """Operator of Москва."""
    return make_user("moscow", "operator", "77")


@pytest.fixture
def login():
    """``login(user)`` → a test client signed in as that user."""

    from django.test import Client

    def signed_in(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return signed_in


@pytest.fixture
def sample_draft(ministry_admin, sample_bytes, django_capture_on_commit_callbacks) -> Protocol:
    """A draft of the sample protocol, imported the way an administrator does it."""
    from protokol.protocols.importing import Upload, start_import

    with django_capture_on_commit_callbacks(execute=True):
        job = start_import([Upload.of_bytes("protocol.txt", sample_bytes)], ministry_admin)
    job.refresh_from_db()
    assert job.state == "done", job.error
    return job.protocol


@pytest.fixture
def ready_draft(sample_draft, ministry_admin) -> Protocol:
    """The sample with a reviewer's two decisions taken: default terms, III.2 → all regions."""
    return review_sample(sample_draft, ministry_admin)


@pytest.fixture
def published(ready_draft, ministry_admin, curator) -> Protocol:
    """The sample protocol published (1,550 assignments), its instructions under the
    ``curator`` persona."""
    return publish_sample(ready_draft, ministry_admin, curator=curator)


@pytest.fixture
def published_elsewhere(ready_draft, ministry_admin) -> Protocol:
    """The sample published to every region but Белгородская область (31), region A."""
    from protokol.regions.models import Region

    others = list(Region.objects.exclude(code="31").values_list("code", flat=True))
    return publish_sample(ready_draft, ministry_admin, regions=others)
