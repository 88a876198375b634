"""HTTP caching of the public pages: ``claims.caching``'s policy as a view
decorator, and conditional GET (ETag, Last-Modified) for claim pages.

Only claim pages carry validators: their version is bumped by every write they show.
The home page, lists, timeline, feeds and sitemaps show many claims and carry none;
shared caches keep them for ``CLAIMDESK_PUBLIC_MAX_AGE`` seconds at most.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponseBase
from django.utils.decorators import method_decorator
from django.utils.translation import get_language

from claims.caching import PageState, cache_policy, claim_page_state


def public_cache(view: Callable[..., HttpResponseBase]) -> Callable[..., Any]:
    """Let shared caches keep anonymous 200s for a few minutes; keep the rest private.

    The language switcher needs no CSRF token, so these pages set no cookie.
    """

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return cache_policy(
            view(request, *args, **kwargs),
            method=request.method or "",
            authenticated=request.user.is_authenticated,
        )

    wrapped.__name__ = getattr(view, "__name__", "view")
    wrapped.__doc__ = view.__doc__
    return wrapped


public = method_decorator(public_cache, name="dispatch")


def _state(request: HttpRequest, pk: int) -> PageState | None:
    """The claim's page state, read once per request for both validators."""
    cache = request.__dict__.setdefault("_claim_page_states", {})
    if pk not in cache:
        cache[pk] = claim_page_state(pk)
    return cache[pk]


def claim_etag(request: HttpRequest, pk: int) -> str | None:
    state = _state(request, pk)
    return state.etag(language=get_language() or "", variant="page") if state else None


def claim_last_modified(request: HttpRequest, pk: int) -> datetime | None:
    state = _state(request, pk)
    return state.last_modified if state else None
