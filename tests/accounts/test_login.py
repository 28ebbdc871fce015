import pytest
from django.test import Client
from django.urls import reverse

from protokol.accounts.demo import DEMO_USERS, create_demo_users


def test_the_login_page_speaks_russian(client, db):
    response = client.get(reverse("accounts:login"))
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ru">' in body
    assert "Вход в систему «Протокол»" in body
    assert "Пароль" in body


def test_a_wrong_password_gets_a_russian_error(client, operator_a):
    response = client.post(
        reverse("accounts:login"), {"username": "belgorod", "password": "не тот"}
    )
    assert response.status_code == 200
    assert "Пожалуйста, введите правильные имя пользователя и пароль" in response.content.decode()


@pytest.mark.parametrize("demo", DEMO_USERS, ids=lambda d: d.username)
def test_every_demo_login_works(demo, db):
    create_demo_users()
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": demo.username, "password": demo.password}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code in (200, 302)


def test_demo_operators_cover_belgorod_moscow_and_tyva(db):
    users = create_demo_users()
    assert {u.region_code for u in users if u.region_code} == {"31", "77", "17"}
    assert {u.role for u in users} == {"admin", "curator", "operator", "observer"}


def test_a_user_changes_their_password(operator_a, login):
    client = login(operator_a)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "пароль-для-тестов",
            "new_password1": "Новый-пароль-2024",
            "new_password2": "Новый-пароль-2024",
        },
    )
    assert response.status_code == 302
    operator_a.refresh_from_db()
    assert operator_a.check_password("Новый-пароль-2024")


def test_logout_ends_the_session(operator_a, login):
    client = login(operator_a)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("home")).status_code == 302
