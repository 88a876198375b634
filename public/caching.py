"""HTTP caching of the public pages: shared-cache headers for anonymous readers and
conditional GET (ETag, Last-Modified) for claim pages."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.translation import get_language

from claims.models import Appearance, Claim, ClaimDate, Correction, Evidence, Note

#: Bump to invalidate every ETag when the templates change.
ETAG_VERSION = "1"


def public_cache(view: Callable[..., HttpResponseBase]) -> Callable[..., Any]:
    """Let shared caches keep anonymous 200s for a few minutes; keep the rest private.

    Pages vary by language (Accept-Language or the language cookie), so ``Vary`` says
    so. The language switcher needs no CSRF token, so these pages set no cookie.
    """

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code in (200, 304):
            if request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
            else:
                max_age = getattr(settings, "CLAIMDESK_PUBLIC_MAX_AGE", 300)
                patch_cache_control(response, public=True, max_age=max_age)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    wrapped.__name__ = getattr(view, "__name__", "view")
    wrapped.__doc__ = view.__doc__
    return wrapped


public = method_decorator(public_cache, name="dispatch")


def _per_claim(queryset: QuerySet[Any], aggregate: Any) -> Subquery:
    """One aggregate over a claim's related rows, as a scalar subquery (no joins, so
    no row explosion however many notes, evidence items or dates a claim has)."""
    return Subquery(
        queryset.filter(claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(value=aggregate)
        .values("value")
    )


def _claim_fingerprint(request: HttpRequest, pk: int) -> dict[str, Any] | None:
    """What a claim page depends on, in one query, cached on the request.

    Timestamps where the rows have them, counts where they do not (dates, tags, an
    archived evidence item), and the claimant's and verdict's identity.
    """
    cache = request.__dict__.setdefault("_claim_fingerprints", {})
    if pk not in cache:
        cache[pk] = (
            Claim.objects.with_public_page()
            .filter(pk=pk)
            .annotate(
                last_note=_per_claim(Note.objects.public(), Max("updated_at")),
                last_evidence=_per_claim(Evidence.objects.all(), Max("added_at")),
                last_capture=_per_claim(Evidence.objects.all(), Max("captured_at")),
                last_document_capture=_per_claim(
                    Appearance.objects.all(), Max("document__captured_at")
                ),
                last_correction=_per_claim(Correction.objects.all(), Max("created_at")),
                last_appearance=_per_claim(Appearance.objects.all(), Max("created_at")),
                n_notes=_per_claim(Note.objects.public(), Count("pk")),
                n_evidence=_per_claim(Evidence.objects.active(), Count("pk")),
                n_appearances=_per_claim(Appearance.objects.all(), Count("pk")),
                n_dates=_per_claim(ClaimDate.objects.all(), Count("pk")),
                last_date=_per_claim(ClaimDate.objects.all(), Max("start")),
                n_tags=_per_claim(Claim.tags.through.objects.all(), Count("pk")),
            )
            .values(
                "updated_at",
                "published_at",
                "version",
                "status",
                "verdict_id",
                "claimant__updated_at",
                "last_note",
                "last_evidence",
                "last_capture",
                "last_document_capture",
                "last_correction",
                "last_appearance",
                "n_notes",
                "n_evidence",
                "n_appearances",
                "n_dates",
                "last_date",
                "n_tags",
            )
            .first()
        )
    return cache[pk]


def claim_etag(request: HttpRequest, pk: int) -> str | None:
    row = _claim_fingerprint(request, pk)
    if row is None:
        return None
    parts = [ETAG_VERSION, str(pk), get_language() or "", *map(str, row.values())]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def claim_last_modified(request: HttpRequest, pk: int) -> datetime | None:
    row = _claim_fingerprint(request, pk)
    if row is None:
        return None
    stamps = [
        row[k]
        for k in (
            "updated_at",
            "published_at",
            "claimant__updated_at",
            "last_note",
            "last_evidence",
            "last_capture",
            "last_document_capture",
            "last_correction",
            "last_appearance",
        )
        if row[k] is not None
    ]
    return max(stamps) if stamps else None
