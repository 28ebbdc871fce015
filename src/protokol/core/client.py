"""The address a request came from, as far as this server can trust it.

``REMOTE_ADDR`` is the peer of the TCP connection. Behind reverse proxies that peer is
the last proxy, and the client's address is in ``X-Forwarded-For``, to which every proxy
appends the address it received the connection from. Only the entries our own proxies
wrote can be believed — anything to their left was sent by the client and may be made
up — so the client is the ``PROTOKOL_PROXY_COUNT``-th entry from the right. With no
proxy configured (the embedded default) the header is ignored altogether: otherwise
anyone could pick an address to be counted under (to lock another person out, or to
dodge their own lockout).
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address: ``REMOTE_ADDR``, or the one our proxies forwarded."""
    remote = request.META.get("REMOTE_ADDR")
    proxies: int = settings.PROTOKOL_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < proxies:
        # The request did not come through every proxy we were told about.
        return remote
    candidate = forwarded[-proxies].strip()
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
