"""The public site: read-only pages over published fact-checks.

Every view starts from ``Claim.objects.published()`` (lists, counts, facets, timeline)
or ``Claim.objects.with_public_page()`` (a claim's own URL, which keeps answering with
a notice once retracted). Anything else answers 404. Anonymous responses carry
``Cache-Control: public`` so a CDN can keep them; claim pages answer conditional
requests with 304.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import condition, require_POST
from django.views.generic import DetailView, TemplateView
from django.views.i18n import set_language
from django_filters.views import FilterView

from .filters import ClaimFilter, TimelineFilter, public_tags
from .jsonld import claim_review, site_url
from .models import (
    Appearance,
    Claim,
    ClaimDate,
    Correction,
    Evidence,
    Note,
    Source,
)

#: Bump to invalidate every ETag when the templates change.
ETAG_VERSION = "1"


# --- HTTP caching ---------------------------------------------------------------------


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


class CappedPaginator(Paginator):
    """No page past ``MAX_PAGES``: a deep OFFSET costs the database a scan of every
    row before it, and no reader pages that far (they filter or search instead)."""

    MAX_PAGES = 500

    @cached_property
    def num_pages(self) -> int:
        return min(super().num_pages, self.MAX_PAGES)


def paginate(request: HttpRequest, items: Any, per_page: int) -> Page:
    """A page that always exists: page=abc is the first, page=999999 the last."""
    return CappedPaginator(items, per_page).get_page(request.GET.get("page"))


class ForgivingPaginationMixin:
    """ListView pagination that never 404s or 500s on a bad ``page``."""

    request: HttpRequest

    def paginate_queryset(
        self, queryset: Any, page_size: int
    ) -> tuple[Paginator, Page, list[Any], bool]:
        page = paginate(self.request, queryset, page_size)
        return page.paginator, page, list(page.object_list), page.has_other_pages()


# --- Pages ----------------------------------------------------------------------------


@public
class HomeView(TemplateView):
    template_name = "claims/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        published = Claim.objects.published()
        counts = published.verdict_counts()
        return super().get_context_data(
            latest=published.with_public_related().order_by("-published_at", "-pk")[:8],
            verdict_counts=counts,
            total=sum(n for _rating, n in counts),
            tags=public_tags().annotate(
                n=Count("claims", filter=Q(claims__in=published))
            )[:20],
            **kwargs,
        )


@public
class ClaimListView(ForgivingPaginationMixin, FilterView):
    filterset_class = ClaimFilter
    template_name = "claims/claim_list.html"
    context_object_name = "claims"
    paginate_by = 20

    def get_queryset(self) -> QuerySet[Claim]:
        return Claim.objects.published().with_public_related()


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
            "last_correction",
            "last_appearance",
        )
        if row[k] is not None
    ]
    return max(stamps) if stamps else None


STANCE_ORDER = (
    Evidence.Stance.REFUTES,
    Evidence.Stance.SUPPORTS,
    Evidence.Stance.CONTEXT,
)
STANCE_HEADINGS = {
    Evidence.Stance.REFUTES: _("Evidence against the claim"),
    Evidence.Stance.SUPPORTS: _("Evidence for the claim"),
    Evidence.Stance.CONTEXT: _("Context"),
}


@public
@method_decorator(
    condition(etag_func=claim_etag, last_modified_func=claim_last_modified),
    name="dispatch",
)
class ClaimDetailView(DetailView):
    template_name = "claims/claim_detail.html"
    context_object_name = "claim"

    def get_queryset(self) -> QuerySet[Claim]:
        return Claim.objects.with_public_page().with_page_related()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        claim: Claim = self.object
        public_evidence: list[Evidence] = claim.public_evidence  # type: ignore[attr-defined]
        evidence = [
            {
                "stance": stance,
                "heading": STANCE_HEADINGS[stance],
                "items": [e for e in public_evidence if e.stance == stance],
            }
            for stance in STANCE_ORDER
        ]
        related = (
            Claim.objects.published()
            .related_to(claim)
            .with_public_related()
            .order_by("-published_at", "-pk")[:5]
        )
        return super().get_context_data(
            evidence_groups=[g for g in evidence if g["items"]],
            related=related,
            event_dates=[
                d for d in claim.dates.all() if d.role == ClaimDate.Role.EVENT
            ],
            reported_dates=[
                d for d in claim.dates.all() if d.role == ClaimDate.Role.REPORTED
            ],
            is_retracted=not claim.is_public,
            canonical_url=site_url(claim.get_absolute_url()),
            jsonld=claim_review(claim) if claim.is_public else None,
            **kwargs,
        )


@public
class SourceDetailView(DetailView):
    template_name = "claims/source_detail.html"
    context_object_name = "source"
    claims_per_page = 20

    def get_queryset(self) -> QuerySet[Source]:
        return Source.objects.with_public_page().prefetch_related("aliases")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        source: Source = self.object
        published = Claim.objects.published()
        by_source = published.filter(claimant=source)
        counts = by_source.verdict_counts()
        quoted = published.filter(
            Exists(
                Appearance.objects.filter(
                    claim=OuterRef("pk"), document__publisher=source
                )
            )
        ).exclude(claimant=source)
        return super().get_context_data(
            page_obj=paginate(
                self.request,
                by_source.with_public_related().order_by("-published_at", "-pk"),
                self.claims_per_page,
            ),
            verdict_counts=counts,
            total=sum(n for _rating, n in counts),
            quoted=quoted.with_public_related().order_by("-published_at", "-pk")[:20],
            canonical_url=site_url(source.get_absolute_url()),
            **kwargs,
        )


@public
class TimelineView(ForgivingPaginationMixin, FilterView):
    """Published claims placed on the dates of the events they are about, and on the
    dates they were reported (marked as such): a report is often the only day known."""

    filterset_class = TimelineFilter
    template_name = "claims/timeline.html"
    context_object_name = "entries"
    paginate_by = 100

    def get_queryset(self) -> QuerySet[ClaimDate]:
        return (
            ClaimDate.objects.filter(claim__in=Claim.objects.published())
            .select_related("claim__claimant", "claim__verdict")
            .order_by("start", "end", "pk")
        )


@public
class RobotsView(TemplateView):
    template_name = "claims/robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(sitemap_url=site_url("/sitemap.xml"), **kwargs)


@require_POST
@csrf_exempt
def switch_language(request: HttpRequest) -> HttpResponse:
    """Django's ``set_language`` without the CSRF check.

    Choosing a language changes nothing but a cookie, so there is nothing to forge;
    and without a token in the form, public pages stay cacheable by a CDN.
    """
    return set_language(request)
