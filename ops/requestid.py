"""One id per request, on its response, its log lines and its error page.

A load balancer or proxy that already sent ``X-Request-ID`` keeps its id when it is a
sane token (letters, digits, ``-_.:``, at most 64 characters), so a line in its log
and a line in ours can be matched; anything else is replaced by a fresh id.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
_SANE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\-_.:]{0,63}$")
_current: ContextVar[str | None] = ContextVar("claimdesk_request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request this thread (or task) is serving, if any."""
    return _current.get()


def sane_request_id(value: str | None) -> str | None:
    """``value`` when it may be echoed into headers and logs, else None."""
    if value and _SANE.match(value):
        return value
    return None


def new_request_id() -> str:
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Outermost: every response, even a 503 or a 500, carries the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = sane_request_id(request.headers.get(HEADER)) or new_request_id()
        request.request_id = request_id  # type: ignore[attr-defined]
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record logged while a request is served."""

    def filter(self, record: logging.LogRecord) -> bool:
        request_id = current_request_id()
        if request_id is not None and not hasattr(record, "request_id"):
            record.request_id = request_id
        return True
