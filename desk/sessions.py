"""Desk sessions end after a spell of idleness and, whatever happens, a day after
sign-in (``CLAIMDESK_SESSION_IDLE``, ``CLAIMDESK_SESSION_MAX_AGE``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

LOGIN_AT = "claimdesk_login_at"
SEEN_AT = "claimdesk_seen_at"
#: the last-seen stamp is rewritten at most this often (seconds): not a write a request
TOUCH_EVERY = 60


def stamp_login(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    """Receiver of ``user_logged_in``: the session's clock starts now."""
    if request is not None and hasattr(request, "session"):
        now = int(timezone.now().timestamp())
        request.session[LOGIN_AT] = now
        request.session[SEEN_AT] = now


class SessionExpiryMiddleware:
    """Signs out a session idle too long or signed in too long ago.

    Only requests that carry a session cookie are looked at, so the public pages of
    a reader without one are served as before (no session read, no ``Vary``).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            self.check(request)
        return self.get_response(request)

    def check(self, request: HttpRequest) -> None:
        session = request.session
        if "_auth_user_id" not in session:
            return
        now = int(timezone.now().timestamp())
        login_at = session.get(LOGIN_AT)
        seen_at = session.get(SEEN_AT)
        if not isinstance(login_at, int) or not isinstance(seen_at, int):
            # A session from before these stamps: its clock starts now.
            session[LOGIN_AT] = session[SEEN_AT] = now
            return
        idle = settings.CLAIMDESK_SESSION_IDLE.total_seconds()
        max_age = settings.CLAIMDESK_SESSION_MAX_AGE.total_seconds()
        if now - seen_at > idle or now - login_at > max_age:
            logout(request)
            return
        if now - seen_at >= TOUCH_EVERY:
            session[SEEN_AT] = now
