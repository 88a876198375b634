"""The client's address, as the trusted proxies in front of the app saw it.

Each reverse proxy appends the address it received the request from to
``X-Forwarded-For`` (nginx's ``$proxy_add_x_forwarded_for``). With N trusted proxies,
the last N entries are theirs: the client is the N-th entry from the right. Whatever
a client writes at the left of the header is not looked at, so it cannot choose the
address that axes counts its failures under. With no trusted proxy (the default),
``REMOTE_ADDR`` is the client and the header is ignored.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address; ``REMOTE_ADDR`` when the proxies' header is unusable."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    hops = int(settings.CLAIMDESK_TRUSTED_PROXIES)
    if hops <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    if len(forwarded) < hops:
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
