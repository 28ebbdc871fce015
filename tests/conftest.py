"""Personas shared by every test module (healthchecks-style: one user per role and region).

Operators: Белгородская область (31) is "region A", Москва (77) "region B", Тыва (17) a third.
"""

from __future__ import annotations

import pytest
from django.test import Client

from protokol.accounts.models import Role, User


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _make_user(username: str, role: str, region_code: str | None = None) -> User:
    user = User.objects.create_user(
        username=username,
        password="пароль-для-тестов",
        role=role,
        region_id=region_code,
        last_name=username.capitalize(),
        first_name="Анна",
        is_staff=role == Role.ADMIN,
        is_superuser=role == Role.ADMIN,
    )
    return user


@pytest.fixture
def ministry_admin(db) -> User:
    return _make_user("admin", Role.ADMIN)


@pytest.fixture
def curator(db) -> User:
    return _make_user("curator", Role.CURATOR)


@pytest.fixture
def observer(db) -> User:
    return _make_user("observer", Role.OBSERVER)


@pytest.fixture
def operator_a(db) -> User:
    """Operator of Белгородская область."""
    return _make_user("belgorod", Role.OPERATOR, "31")


@pytest.fixture
def operator_b(db) -> User:
    """Operator of Москва."""
    return _make_user("moscow", Role.OPERATOR, "77")


@pytest.fixture
def login():
    """``login(user)`` → a test client signed in as that user."""

    def signed_in(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return signed_in
