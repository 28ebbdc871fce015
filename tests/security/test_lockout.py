"""Lockout that cannot be aimed: (user name + address) locks, the address alone is throttled.

Five failed logins lock that user name from that address only; X-Forwarded-For counts
only when a proxy is configured, and then only the entry our proxy wrote; an address that
fails for many user names is refused after its own, higher limit.
"""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from protokol.core.budgets import budget
from tests.factories import PASSWORD

LOGIN = "accounts:login"


def _login(client: Client, username: str, password: str, address: str, forwarded: str = ""):
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return client.post(
        reverse(LOGIN),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        headers=headers,
    )


def _fail(times: int, username: str, address: str, forwarded: str = "") -> None:
    client = Client()
    for _ in range(times):
        _login(client, username, "не тот", address, forwarded)


def _locked_out(response) -> bool:
    return response.status_code == 429 and "Вход временно заблокирован" in response.content.decode()


def test_failures_from_one_address_do_not_lock_the_user_out_from_another(operator_a):
    _fail(budget("login_failures"), "belgorod", "10.0.0.1")
    assert _locked_out(_login(Client(), "belgorod", PASSWORD, "10.0.0.1"))
    assert _login(Client(), "belgorod", PASSWORD, "10.0.0.2").status_code == 302


def test_without_a_proxy_a_forged_forwarded_for_counts_against_the_real_address(operator_a):
    client = Client()
    for number in range(budget("login_failures")):
        _login(client, "belgorod", "не тот", "10.0.0.1", forwarded=f"192.0.2.{number}")
    # Changing the header again does not dodge the lock…
    assert _locked_out(_login(Client(), "belgorod", PASSWORD, "10.0.0.1", "198.51.100.7"))
    # …and naming someone else's address in it does not aim the lock at them.
    assert _login(Client(), "belgorod", PASSWORD, "10.0.0.2", "192.0.2.0").status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.1"}


def test_behind_one_proxy_the_client_is_the_address_the_proxy_appended(operator_a, settings):
    settings.PROTOKOL_PROXY_COUNT = 1
    proxy = "10.9.9.9"
    client = Client()
    for number in range(budget("login_failures")):
        # The left part is whatever the client sent; the proxy appended the real address.
        _login(client, "belgorod", "не тот", proxy, forwarded=f"192.0.2.{number}, 203.0.113.5")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    assert _locked_out(_login(Client(), "belgorod", PASSWORD, proxy, "198.51.100.1, 203.0.113.5"))
    assert (
        _login(Client(), "belgorod", PASSWORD, proxy, "203.0.113.5, 203.0.113.6").status_code == 302
    )


def test_an_address_failing_for_many_user_names_is_throttled(operator_a, operator_b):
    per_name = budget("login_failures") - 1  # never enough to lock one user name
    limit = budget("login_failures_per_address")
    names = [f"spray{number}" for number in range(-(-limit // per_name))]
    client = Client()
    answers = [
        _login(client, name, "не тот", "10.0.0.66") for name in names for _ in range(per_name)
    ]
    # Refused from the failure that reaches the limit on, in Russian, for any user name.
    assert not any(_locked_out(answer) for answer in answers[: limit - 1])
    assert _locked_out(answers[limit - 1])
    assert _locked_out(_login(Client(), "belgorod", PASSWORD, "10.0.0.66"))
    # Other addresses are not affected.
    assert _login(Client(), "moscow", PASSWORD, "10.0.0.67").status_code == 302


@pytest.mark.parametrize("limit_name", ["login_failures", "login_failures_per_address"])
def test_the_lockout_limits_are_budgets(limit_name, operator_a, settings):
    settings.PROTOKOL_BUDGETS = {**settings.PROTOKOL_BUDGETS, limit_name: 2}
    names = ["belgorod", "belgorod"] if limit_name == "login_failures" else ["x1", "x2"]
    client = Client()
    for name in names:
        _login(client, name, "не тот", "10.0.0.5")
    assert _locked_out(_login(Client(), "belgorod", PASSWORD, "10.0.0.5"))


def test_a_user_name_of_ten_kilobytes_is_a_failed_login_not_a_server_error(client, db):
    """axes stores the name tried in a 255-character column; PostgreSQL refused a longer one."""
    from axes.models import AccessAttempt

    response = client.post("/accounts/login/", {"username": "x" * 10_000, "password": "y"})
    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "x" * 150
