"""Personal API tokens: issued in the UI and shown once, stored hashed, revocable."""

from __future__ import annotations

import hashlib

from django.urls import reverse

from protokol.api.models import ApiToken
from protokol.api.tokens import issue_token, revoke_token
from protokol.core.models import Event


def test_the_token_page_issues_a_token_and_shows_the_secret_once(operator_a, login):
    client = login(operator_a)
    response = client.post(reverse("api:tokens"), {"name": "региональная система"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=operator_a)
    page = response.content.decode()
    secret = page.split('<code class="token-secret">')[1].split("</code>")[0]
    assert secret.startswith("ptk_") and secret.startswith(token.prefix)
    # Only the digest is stored; the page shown again no longer contains the secret.
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in ApiToken.objects.values_list("digest", "prefix", "name").get().__repr__()
    again = client.get(reverse("api:tokens")).content.decode()
    assert secret not in again
    assert f"{token.prefix}…" in again
    assert Event.objects.filter(verb="api_token.issued", actor=operator_a).exists()


def test_a_token_authenticates_until_it_is_revoked(operator_a, login, client):
    issued = issue_token(operator_a, "скрипт")
    headers = {"Authorization": f"Bearer {issued.secret}"}
    assert client.get("/api/v1/regions", headers=headers).status_code == 200
    issued.token.refresh_from_db()
    assert issued.token.last_used_at is not None

    response = login(operator_a).post(reverse("api:token_revoke", args=[issued.token.pk]))
    assert response.status_code == 302
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is not None
    refused = client.get("/api/v1/regions", headers=headers)
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "unauthorized"
    assert Event.objects.filter(verb="api_token.revoked").count() == 1


def test_revoking_twice_records_one_event(operator_a):
    issued = issue_token(operator_a, "скрипт")
    assert revoke_token(issued.token, operator_a) is True
    assert revoke_token(issued.token, operator_a) is False
    assert Event.objects.filter(verb="api_token.revoked").count() == 1


def test_nobody_can_revoke_someone_elses_token(operator_a, operator_b, curator, login):
    issued = issue_token(operator_b, "чужой")
    for user in (operator_a, curator):
        response = login(user).post(reverse("api:token_revoke", args=[issued.token.pk]))
        assert response.status_code == 404
    issued.token.refresh_from_db()
    assert issued.token.revoked_at is None


def test_the_token_page_lists_only_ones_own_tokens(operator_a, operator_b, login):
    issue_token(operator_a, "мой токен")
    issue_token(operator_b, "токен Москвы")
    page = login(operator_a).get(reverse("api:tokens")).content.decode()
    assert "мой токен" in page
    assert "токен Москвы" not in page


def test_a_token_of_a_deactivated_user_is_refused(operator_a, client):
    issued = issue_token(operator_a, "скрипт")
    operator_a.is_active = False
    operator_a.save()
    response = client.get("/api/v1/regions", headers={"Authorization": f"Bearer {issued.secret}"})
    assert response.status_code == 401


def test_the_token_page_needs_a_login(client, db):
    response = client.get(reverse("api:tokens"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_token_page_query_count_does_not_grow_with_tokens(
    operator_a, login, django_assert_num_queries
):
    client = login(operator_a)
    issue_token(operator_a, "первый")
    # Session, user, unread notifications (layout), tokens: constant in the number of tokens.
    with django_assert_num_queries(5):
        client.get(reverse("api:tokens"))
    for number in range(5):
        issue_token(operator_a, f"ещё {number}")
    with django_assert_num_queries(5):
        client.get(reverse("api:tokens"))
