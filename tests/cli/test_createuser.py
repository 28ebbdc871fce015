from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from protokol.accounts.models import User
from protokol.core.models import Event


def test_createuser_creates_an_operator_of_a_region(run, db):
    out, _ = run(
        "createuser", "kursk", "--role", "operator", "--region", "46", "--last-name", "Иванова"
    )
    user = User.objects.get(username="kursk")
    assert (user.role, user.region_id) == ("operator", "46")
    assert "Курская область" in out
    password = out.split("Пароль (показывается один раз): ")[1].strip()
    assert user.check_password(password)
    assert Event.objects.filter(verb="user.created", region_code="46").exists()


def test_createuser_accepts_a_region_name(run, db):
    run(
        "createuser",
        "tula",
        "--role",
        "operator",
        "--region",
        "Тульская область",
        "--password",
        "Надёжный-пароль-2024",
    )
    assert User.objects.get(username="tula").region_id == "71"


def test_createuser_makes_an_admin_a_staff_member(run, db):
    run("createuser", "chief", "--role", "admin", "--password", "Надёжный-пароль-2024")
    chief = User.objects.get(username="chief")
    assert chief.is_staff and chief.is_superuser and chief.region_id is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--role", "boss"],
            "Неизвестная роль «boss». Допустимы: admin, curator, operator, observer.",
        ),
        (["--role", "operator", "--region", "99"], "Субъект РФ «99» не найден"),
        (["--role", "operator", "--region", "Атлантида"], "Субъект РФ «Атлантида» не найден"),
        (["--role", "operator"], "Оператору региона нужно указать субъект РФ"),
        (["--role", "curator", "--region", "31"], "Субъект РФ указывается только у оператора"),
        (["--role", "curator", "--password", "123"], "Пароль не принят"),
    ],
)
def test_createuser_explains_what_is_wrong_in_russian(args, message, run, db):
    with pytest.raises(CommandError, match=message):
        run("createuser", "someone", *args)
    assert not User.objects.filter(username="someone").exists()


def test_createuser_refuses_an_existing_login(run, operator_a):
    with pytest.raises(CommandError, match="уже существует"):
        run("createuser", operator_a.username.upper(), "--role", "observer")
