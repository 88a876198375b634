"""Refused logins, logged once each: who was tried and from where, never a secret."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest

logger = logging.getLogger(__name__)

#: a username longer than a real one is cut: the log is not a place to store payloads
MAX_USERNAME = 150


def log_refused_login(
    sender: Any,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kwargs: Any,
) -> None:
    """Receiver of ``user_login_failed``: the username attempted and the client IP.

    ``credentials`` holds the password (Django masks it, but a custom backend's
    token might not be), so only the username field is read from it. The IP is the
    client's as the trusted proxies saw it (``desk.clientip``, the address axes
    counts failures under); ``X-Forwarded-For`` is recorded apart, as it came.
    """
    from .clientip import client_ip

    field = get_user_model().USERNAME_FIELD
    username = str(credentials.get(field) or credentials.get("username") or "")
    meta = request.META if request is not None else {}
    extra = {
        "event": "login_refused",
        "username": username[:MAX_USERNAME],
        "ip": client_ip(request) if request is not None else "",
    }
    if meta.get("HTTP_X_FORWARDED_FOR"):
        extra["forwarded_for"] = meta["HTTP_X_FORWARDED_FOR"][:200]
    logger.warning("login refused", extra=extra)
