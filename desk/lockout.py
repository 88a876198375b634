"""The page a locked-out sign-in gets: when to try again, not a bare 403."""

from __future__ import annotations

import logging
from typing import Any

from axes.helpers import get_client_username, get_cool_off
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from .clientip import client_ip
from .signals import MAX_USERNAME

logger = logging.getLogger(__name__)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: 429 with the admin's look and the time it lifts.

    Axes starts the cool-off again at each refused attempt, so it lifts a cool-off
    after this one.
    """
    username = str(get_client_username(request, credentials) or "")[:MAX_USERNAME]
    cool_off = get_cool_off(request)
    retry_at = timezone.now() + cool_off if cool_off else None
    logger.warning(
        "login locked out",
        extra={"event": "login_locked", "username": username, "ip": client_ip(request)},
    )
    context = {
        **admin.site.each_context(request),
        "title": "",
        "username": username,
        "retry_at": retry_at,
        "cool_off_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    response = TemplateResponse(
        request, "admin/desk/locked_out.html", context, status=429
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response.render()
