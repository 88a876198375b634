"""HTTP caching of the public pages: ``claims.caching``'s policy as a view
decorator, and conditional GET (ETag, Last-Modified) for claim pages.

Only claim pages carry validators: their version is bumped by every write they show.
The home page, lists, timeline, feeds and sitemaps show many claims and carry none;
shared caches keep them for ``CLAIMDESK_PUBLIC_MAX_AGE`` seconds at most.

Claim pages are also kept rendered in Django's cache (``cached_claim_page``), keyed by
the claim, its ``page_version``, the language and ``ETAG_VERSION``: the same inputs as
the ETag, so a cached copy is never stale (a correction bumps the version, and the
next request renders anew) and old versions simply age out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.template.loader import get_template
from django.utils.decorators import method_decorator
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from claims.caching import ETAG_VERSION, PageState, cache_policy, claim_page_state
from claims.models import Claim

CARD_TEMPLATE = "public/includes/claim_card.html"


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


def _page_cache_key(request: HttpRequest, pk: int) -> str | None:
    """Where the rendered page is kept, or None for a request not to serve from the
    cache: a logged-in reader, a query string (the page echoes it in the language
    form), a claim without a public page."""
    if settings.CLAIMDESK_PAGE_CACHE_SECONDS <= 0:
        return None
    if request.method not in ("GET", "HEAD") or request.GET:
        return None
    if request.user.is_authenticated:
        return None
    state = _state(request, pk)
    if state is None:
        return None
    language = get_language() or ""
    return f"claimdesk:claim-page:{ETAG_VERSION}:{pk}:{state.version}:{language}"


def cached_claim_page(
    render: Callable[[], HttpResponseBase], request: HttpRequest, pk: int
) -> HttpResponseBase:
    """The claim page from the cache, or ``render()``ed and kept for next time."""
    key = _page_cache_key(request, pk)
    if key is not None:
        content = cache.get(key)
        if content is not None:
            return HttpResponse(content)
    response = render()
    if key is not None and response.status_code == 200:
        if hasattr(response, "render"):
            response.render()
        cache.set(
            key,
            response.content,  # type: ignore[attr-defined]
            timeout=settings.CLAIMDESK_PAGE_CACHE_SECONDS,
        )
    return response


def _card_key(claim: Claim, language: str) -> str:
    return f"claimdesk:card:{ETAG_VERSION}:{claim.pk}:{claim.page_version}:{language}"


def claim_cards(claims: Any) -> SafeString:
    """The cards of ``claims``, in order: cached ones from one ``get_many``, the
    others rendered and kept (``CLAIMDESK_FRAGMENT_CACHE_SECONDS``; 0 turns it off).
    A card shows only what its claim's page shows, so ``page_version`` keys it."""
    claims = list(claims)
    seconds = settings.CLAIMDESK_FRAGMENT_CACHE_SECONDS
    language = get_language() or ""
    keys = [_card_key(claim, language) for claim in claims]
    found = cache.get_many(keys) if seconds > 0 and keys else {}
    template = get_template(CARD_TEMPLATE)
    fresh = {}
    cards = []
    for claim, key in zip(claims, keys, strict=True):
        card = found.get(key)
        if card is None:
            card = template.render({"claim": claim})
            fresh[key] = card
        cards.append(card)
    if seconds > 0 and fresh:
        cache.set_many(fresh, timeout=seconds)
    return mark_safe("\n".join(cards))  # each card was escaped by its template
