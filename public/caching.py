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

from claims.caching import (
    ETAG_VERSION,
    PageState,
    cache_policy,
    cached_fragments,
    claim_page_state,
    fragment_key,
)
from claims.links import site_origin
from claims.models import Claim, ClaimDate
from claims.translations import requested_language

CARD_TEMPLATE = "public/includes/claim_card.html"
TIMELINE_ENTRY_TEMPLATE = "public/includes/timeline_entry.html"


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


def page_state(request: HttpRequest, pk: int) -> PageState | None:
    """The claim's page state, read once per request for both validators."""
    cache = request.__dict__.setdefault("_claim_page_states", {})
    if pk not in cache:
        cache[pk] = claim_page_state(pk)
    return cache[pk]


def claim_etag(request: HttpRequest, pk: int) -> str | None:
    state = page_state(request, pk)
    return state.etag(language=get_language() or "", variant="page") if state else None


def claim_last_modified(request: HttpRequest, pk: int) -> datetime | None:
    state = page_state(request, pk)
    return state.last_modified if state else None


def _page_cache_key(request: HttpRequest, pk: int) -> str | None:
    """Where the rendered page is kept, or None for a request not to serve from the
    cache: a logged-in reader, a query string (the page echoes it in the language
    form), a claim without a public page."""
    if settings.CLAIMDESK_PAGE_CACHE_SECONDS <= 0:
        return None
    if request.method not in ("GET", "HEAD"):
        return None
    # A query string is echoed in the language form; ``?lang=`` alone is the
    # page's language version, which the key below names.
    if request.GET and (
        set(request.GET) != {"lang"} or not requested_language(request)
    ):
        return None
    if request.user.is_authenticated:
        return None
    state = page_state(request, pk)
    if state is None:
        return None
    language = get_language() or ""
    # The page's absolute links name the site's origin (the request's in
    # development); the ``?lang=`` version names itself as canonical.
    origin = site_origin()
    variant = "lang" if request.GET else "plain"
    return (
        f"claimdesk:claim-page:{ETAG_VERSION}:{pk}:{state.version}:{language}:"
        f"{origin}:{variant}"
    )


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


def claim_cards(claims: Any) -> SafeString:
    """The cards of ``claims``, in order, from the card cache where it has them.
    ``claims`` may hold only ids and versions (``ClaimQuerySet.for_cards``): what a
    card shows is read for the cards not in the cache only, in one query."""
    language = get_language() or ""
    template = get_template(CARD_TEMPLATE)

    def render(missing: list[Claim]) -> dict[Claim, str]:
        full = Claim.objects.with_public_related().in_bulk([c.pk for c in missing])
        return {c: template.render({"claim": full.get(c.pk, c)}) for c in missing}

    cards = cached_fragments(
        [(c, fragment_key("card", c.pk, c.page_version, language)) for c in claims],
        render,
    )
    return mark_safe("\n".join(cards))  # each card was escaped by its template


def timeline_entries(entries: Any) -> SafeString:
    """The timeline's entries (claim dates with their claims), cached like cards: an
    entry shows its claim's statement, verdict and claimant and the date itself,
    all of which move the claim's ``page_version`` when they change."""
    language = get_language() or ""
    template = get_template(TIMELINE_ENTRY_TEMPLATE)

    def render(missing: list[ClaimDate]) -> dict[ClaimDate, str]:
        full = (
            ClaimDate.objects.select_related("claim__claimant", "claim__verdict")
            .prefetch_related("claim__translations")
            .in_bulk([e.pk for e in missing])
        )
        return {e: template.render({"entry": full.get(e.pk, e)}) for e in missing}

    html = cached_fragments(
        [
            (
                e,
                fragment_key(
                    "timeline", e.pk, e.claim_id, e.claim.page_version, language
                ),
            )
            for e in entries
        ],
        render,
    )
    return mark_safe("\n".join(html))  # each entry was escaped by its template
