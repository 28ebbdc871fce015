"""The client address: REMOTE_ADDR, or the X-Forwarded-For entry our own proxies wrote."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from protokol.core.client import client_address


def _request(forwarded: str | None, remote: str = "10.9.9.9"):
    headers = {} if forwarded is None else {"X-Forwarded-For": forwarded}
    return RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers)


def test_without_a_proxy_the_forwarded_header_is_ignored(settings):
    settings.PROTOKOL_PROXY_COUNT = 0
    assert client_address(_request("203.0.113.5")) == "10.9.9.9"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "client"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "192.0.2.1, 203.0.113.5", "203.0.113.5"),
        (2, "192.0.2.1, 203.0.113.5, 10.1.1.1", "203.0.113.5"),
        (1, "192.0.2.1,2001:db8::1", "2001:db8::1"),
    ],
)
def test_behind_proxies_the_client_is_counted_from_the_right(settings, proxies, forwarded, client):
    settings.PROTOKOL_PROXY_COUNT = proxies
    assert client_address(_request(forwarded)) == client


@pytest.mark.parametrize(
    ("proxies", "forwarded"),
    [(1, None), (2, "203.0.113.5"), (1, "192.0.2.1, not-an-address"), (1, "192.0.2.1, ")],
)
def test_a_missing_short_or_malformed_header_falls_back_to_the_peer(settings, proxies, forwarded):
    settings.PROTOKOL_PROXY_COUNT = proxies
    assert client_address(_request(forwarded)) == "10.9.9.9"
