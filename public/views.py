"""The public site: read-only pages over published fact-checks.

Every view starts from ``Claim.objects.published()`` (lists, counts, facets, timeline)
or ``Claim.objects.with_public_page()`` (a claim's own URL, which keeps answering with
a notice once retracted). Anything else answers 404. Anonymous responses carry
``Cache-Control: public`` so a CDN can keep them; claim pages answer conditional
requests with 304.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db.models import Count, QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import condition, require_POST, require_safe
from django.views.generic import DetailView, ListView, TemplateView
from django.views.i18n import set_language
from django_filters.views import FilterView

from claims.caching import claim_page_state
from claims.capture import download_response
from claims.claimreview import claim_review
from claims.colours import readable_background
from claims.filters import ClaimFilter
from claims.links import site_url
from claims.models import (
    Claim,
    ClaimDate,
    ClaimMerge,
    Correction,
    Document,
    Evidence,
    Rating,
    ReviewEvent,
    Source,
    SourceMerge,
    Status,
    Tag,
)
from claims.models.translations import primary_language
from claims.pagination import CappedPaginator
from claims.siteversion import cached_facet, site_version
from claims.timeouts import optional
from claims.translations import (
    LANGUAGE_PARAMETER,
    claim_text,
    language_url,
    requested_language,
)

from .caching import (
    cached_claim_page,
    claim_etag,
    claim_last_modified,
    page_state,
    public,
    public_cache,
)
from .filters import TimelineFilter
from .pagination import ForgivingPaginationMixin, paginate, query_key
from .sharecard import HEIGHT as CARD_HEIGHT
from .sharecard import WIDTH as CARD_WIDTH
from .sharecard import share_card

# --- Pages ----------------------------------------------------------------------------


def home_counts() -> dict[str, Any]:
    """The home page's figures: published fact-checks, by verdict (each capped at
    ``CappedPaginator.COUNT_CAP``) and the 20 topics with most of them. Cached until
    the site version moves (``claims.siteversion``)."""
    cap = CappedPaginator.COUNT_CAP
    published = Claim.objects.published()
    tagged = (
        Claim.tags.through.objects.filter(claim__in=published)
        .values("tag")
        .annotate(n=Count("claim"))
        .order_by("-n", "tag")[:20]
    )
    by_tag = {row["tag"]: row["n"] for row in tagged}
    tags = sorted(
        Tag.objects.filter(pk__in=list(by_tag)),
        key=lambda tag: (-by_tag[tag.pk], tag.name),
    )
    for tag in tags:
        tag.n = by_tag[tag.pk]  # type: ignore[attr-defined]
    return {
        "verdict_counts": published.verdict_counts(cap=cap),
        "total": published.order_by().values("pk")[: cap + 1].count(),
        "tags": tags,
    }


@public
class HomeView(TemplateView):
    """Latest fact-checks and the site's figures. The figures are optional: if they
    run past the statement timeout the page shows the latest without them."""

    template_name = "public/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        published = Claim.objects.published()
        counts: dict[str, Any] = optional(
            lambda: cached_facet("home", home_counts),
            {"verdict_counts": [], "total": None, "tags": []},
            part="home counts",
        )
        return super().get_context_data(
            latest=published.for_cards().newest_first()[:8],
            count_cap=CappedPaginator.COUNT_CAP,
            **counts,
            **kwargs,
        )


@public
class ClaimListView(ForgivingPaginationMixin, FilterView):
    filterset_class = ClaimFilter
    template_name = "public/claim_list.html"
    context_object_name = "claims"
    paginate_by = 20

    def get_queryset(self) -> QuerySet[Claim]:
        return Claim.objects.published().for_cards()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # The filter form's HTML (its choices, values and errors) follows from the
        # query, the language and the verdict scale: cached under the site version,
        # which a rating's change moves.
        return super().get_context_data(
            form_cache_key=f"{site_version()}:{query_key(self.request)}",
            fragment_seconds=settings.CLAIMDESK_FRAGMENT_CACHE_SECONDS,
            **kwargs,
        )


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


def merged_claim_survivor(pk: int) -> Claim | None:
    """The claim that fact-check ``pk`` was merged into, if ``pk`` had a public page
    when it was merged and the survivor has one now: its URL then answers 301
    there. A claim never published stays a 404, as before its merge."""
    if (
        pk >= 2**63
        or not ClaimMerge.objects.filter(merged_id=pk, was_public=True).exists()
    ):
        return None
    survivor = ClaimMerge.objects.survivor_of(pk)
    if survivor is None or not survivor.is_public:
        return None
    return survivor


@public
@method_decorator(
    condition(etag_func=claim_etag, last_modified_func=claim_last_modified),
    name="dispatch",
)
class ClaimDetailView(DetailView):
    template_name = "public/claim_detail.html"
    context_object_name = "claim"

    def get_queryset(self) -> QuerySet[Claim]:
        return Claim.objects.with_public_page().with_page_related()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return cached_claim_page(
                lambda: super(ClaimDetailView, self).get(request, *args, **kwargs),
                request,
                kwargs["pk"],
            )
        except Http404:
            survivor = merged_claim_survivor(kwargs["pk"])
            if survivor is None:
                raise
            return HttpResponsePermanentRedirect(survivor.get_absolute_url())

    def language_context(self, claim: Claim) -> dict[str, Any]:
        """The claim's text in the reader's language (or the original, with a
        note) and its language versions: one URL each (``?lang=``), linked with
        ``hreflang``; the plain URL is the ``x-default``."""
        text = claim_text(claim, get_language())
        path = claim.get_absolute_url()
        versions = [
            {
                "language": language,
                "url": site_url(language_url(path, language)),
                "path": language_url(path, language),
                "name": get_language_info(language)["name_local"],
            }
            for language in text.versions
        ]
        asked = requested_language(self.request)
        shown = primary_language(text.statement_language)
        return {
            "text": text,
            "original_language_name": text.original_language_name,
            "language_versions": versions if len(versions) > 1 else [],
            "other_versions": [v for v in versions if v["language"] != shown],
            "default_url": site_url(path),
            "canonical_url": site_url(language_url(path, asked) if asked else path),
        }

    def share_card_version(self, claim: Claim) -> str:
        """The share card's version, from the page state this request read for
        its validators (a retracted claim's page has one too)."""
        state = page_state(self.request, claim.pk)
        return state.own_version if state else str(claim.page_version)

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
        shown = {claim.claimant_id} | {
            a.document.publisher_id
            for a in claim.public_appearances  # type: ignore[attr-defined]
        }
        related = (
            Claim.objects.published().related_to(claim).for_cards().newest_first()[:5]
        )
        return super().get_context_data(
            evidence_groups=[g for g in evidence if g["items"]],
            # Sources linked only where their page answers: never an archived one,
            # nor one known only from this (retracted) claim.
            linked_sources=set(
                Source.objects.with_public_page()
                .filter(pk__in=[pk for pk in shown if pk])
                .values_list("pk", flat=True)
            ),
            related=related,
            event_dates=[
                d for d in claim.dates.all() if d.role == ClaimDate.Role.EVENT
            ],
            reported_dates=[
                d for d in claim.dates.all() if d.role == ClaimDate.Role.REPORTED
            ],
            is_retracted=not claim.is_public,
            retraction=claim.events.filter(action=ReviewEvent.Action.RETRACTED)
            .order_by("-created_at", "-pk")
            .first()
            if claim.status == Status.RETRACTED
            else None,
            corrections_newest_first=list(reversed(claim.public_corrections)),  # type: ignore[attr-defined]
            show_captures=claim.is_public,  # as Evidence.objects.with_public_capture
            # ?v= names the card's version, so apps that keep images by URL
            # fetch the new one after a correction.
            share_card_url=site_url(
                reverse("claims:claim-share-card", kwargs={"pk": claim.pk})
                + f"?v={self.share_card_version(claim)}"
            ),
            share_card_size=(CARD_WIDTH, CARD_HEIGHT),
            jsonld=claim_review(claim) if claim.is_public else None,
            **self.language_context(claim),
            **kwargs,
        )


def share_card_etag(request: HttpRequest, pk: int) -> str | None:
    state = claim_page_state(pk)
    if state is None:
        return None
    return state.etag(language=get_language() or "", variant="share-card")


@require_safe
@public_cache
@condition(etag_func=share_card_etag)
def claim_share_card(request: HttpRequest, pk: int) -> HttpResponse:
    """The claim's share card (``og:image``): a PNG of its statement and verdict
    (``public.sharecard``), for every claim with a public page."""
    claim = get_object_or_404(
        Claim.objects.with_public_page().select_related("verdict", "claimant"), pk=pk
    )
    return HttpResponse(share_card(claim), content_type="image/png")


@require_safe
@public_cache
def evidence_capture_download(request: HttpRequest, pk: int) -> FileResponse:
    """Our captured copy of a published claim's evidence: the WARC file, as a download
    only (``claims.capture.download_response`` says why). Evidence of an unpublished,
    retracted or archived claim, archived evidence and failed or missing captures all
    answer 404."""
    evidence = get_object_or_404(Evidence.objects.with_public_capture(), pk=pk)
    return download_response(
        evidence.capture_file, filename=f"evidence-{evidence.pk}-capture.warc.gz"
    )


@require_safe
@public_cache
def document_capture_download(request: HttpRequest, pk: int) -> FileResponse:
    """Our captured copy of a document that a published claim is quoted from, as
    ``evidence_capture_download`` hands out evidence captures."""
    document = get_object_or_404(Document.objects.with_public_capture(), pk=pk)
    return download_response(
        document.capture_file, filename=f"document-{document.pk}-capture.warc.gz"
    )


@public
class SourceDetailView(DetailView):
    template_name = "public/source_detail.html"
    context_object_name = "source"
    claims_per_page = 20

    def get_queryset(self) -> QuerySet[Source]:
        return Source.objects.with_public_page().prefetch_related("aliases")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A source merged into another: its page is the survivor's now.
            survivor = SourceMerge.objects.survivor_of_slug(kwargs["slug"])
            if survivor is None or not (
                Source.objects.with_public_page().filter(pk=survivor.pk).exists()
            ):
                raise
            return HttpResponsePermanentRedirect(survivor.get_absolute_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        source: Source = self.object
        published = Claim.objects.published()
        by_source = published.filter(claimant=source)
        counts = optional(
            lambda: cached_facet(
                f"source-verdicts:{source.pk}",
                lambda: by_source.verdict_counts(cap=CappedPaginator.COUNT_CAP),
            ),
            None,
            part="source verdicts",
        )
        quoted = published.quoted_by(source).exclude(claimant=source)
        page_obj = paginate(
            self.request,
            by_source.for_cards().newest_first(),
            self.claims_per_page,
        )
        return super().get_context_data(
            page_obj=page_obj,
            verdict_counts=counts or [],
            total=page_obj.paginator.count,
            count_cap=CappedPaginator.COUNT_CAP,
            quoted=quoted.for_cards().newest_first()[:20],
            canonical_url=site_url(source.get_absolute_url()),
            **kwargs,
        )


@public
class TimelineView(ForgivingPaginationMixin, FilterView):
    """Published claims placed on the dates of the events they are about, and on the
    dates they were reported (marked as such): a report is often the only day known."""

    filterset_class = TimelineFilter
    template_name = "public/timeline.html"
    context_object_name = "entries"
    paginate_by = 100

    def get_queryset(self) -> QuerySet[ClaimDate]:
        # Only what places an entry and keys its cached fragment: the entries not
        # in the fragment cache are read whole in one query when rendered.
        return (
            ClaimDate.objects.filter(claim__in=Claim.objects.published())
            .select_related("claim")
            .only("pk", "start", "end", "claim_id", "claim__page_version")
            .order_by("start", "end", "pk")
        )


@public
class CorrectionListView(ForgivingPaginationMixin, ListView):
    """The corrections log: every correction of a claim with a public page,
    newest first; never one of an unpublished claim."""

    template_name = "public/correction_list.html"
    context_object_name = "corrections"
    paginate_by = 30

    def get_queryset(self) -> QuerySet[Correction]:
        return (
            Correction.objects.public()
            .newest_first()
            .select_related("claim", "previous_verdict", "new_verdict")
            .prefetch_related("claim__translations")
        )


@public
class RobotsView(TemplateView):
    template_name = "public/robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(sitemap_url=site_url("/sitemap.xml"), **kwargs)


_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@require_safe
@public_cache
def verdict_colours(request: HttpRequest) -> HttpResponse:
    """Each rating's colour as ``.verdict--<slug> { --verdict-colour: … }``.

    A stylesheet, not a ``style`` attribute or a nonce'd ``<style>`` on each page:
    the Content-Security-Policy runs neither without the request's nonce, and a
    cached page (or one answered with a 304) would keep a nonce its new header no
    longer names. Colours and slugs are validated on save; anything else is skipped
    here all the same, so nothing from the database can break out of its rule.
    A colour too light for the badge's white text is darkened until the text
    meets WCAG AA (``claims.colours``)."""
    rules = [
        f".verdict--{slug} {{ --verdict-colour: {readable_background(colour)}; }}"
        for slug, colour in Rating.objects.values_list("slug", "colour")
        if _SLUG.fullmatch(slug) and _HEX_COLOUR.fullmatch(colour)
    ]
    return HttpResponse("\n".join(rules) + "\n", content_type="text/css; charset=utf-8")


@require_POST
@csrf_exempt
def switch_language(request: HttpRequest) -> HttpResponse:
    """Django's ``set_language`` without the CSRF check.

    Choosing a language changes nothing but a cookie, so there is nothing to forge;
    and without a token in the form, public pages stay cacheable by a CDN. The
    page it returns to loses its ``?lang=``, which would outvote the choice.
    """
    response = set_language(request)
    location = response.get("Location")
    if location:
        parts = urlsplit(location)
        query = [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k != LANGUAGE_PARAMETER
        ]
        response["Location"] = urlunsplit(parts._replace(query=urlencode(query)))
    return response
