"""``/sitemap.xml``: an index of per-section sitemaps of the public pages.

URLs are written on ``CLAIMDESK_SITE_URL`` (the public address), not on whichever host
the request came through. Each section is paginated (``?p=2``) past ``limit`` URLs,
and the index lists every page, so no claim is left out however many there are.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem  # type: ignore[attr-defined]
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse

from claims.links import site_url
from claims.models import Claim, Source


class PublicSitemap(Sitemap):
    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.CLAIMDESK_SITE_URL).scheme or "https"

    def get_domain(self, site: Any = None) -> str:
        return urlsplit(settings.CLAIMDESK_SITE_URL).netloc


class StaticSitemap(PublicSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self) -> list[str]:
        return ["claims:home", "claims:claim-list", "claims:timeline"]

    def location(self, item: str) -> str:
        return reverse(item)


class ClaimSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self) -> QuerySet[Claim]:
        return Claim.objects.published().only("pk", "page_changed_at").newest_first()

    def lastmod(self, item: Claim) -> datetime:
        return item.page_changed_at  # what the page shows changed, not the desk's edits


class SourceSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self) -> QuerySet[Source]:
        return (
            Source.objects.with_public_page()
            .annotate(
                last=Subquery(
                    Claim.objects.published()
                    .filter(claimant=OuterRef("pk"))
                    .order_by("-page_changed_at")
                    .values("page_changed_at")[:1]
                )
            )
            .only("slug")
            .order_by("name", "pk")
        )

    def lastmod(self, item: Source) -> datetime | None:
        return getattr(item, "last", None)


SITEMAPS = {"pages": StaticSitemap, "claims": ClaimSitemap, "sources": SourceSitemap}


def sitemap_index(request: HttpRequest) -> TemplateResponse:
    """The sitemap index, with every page of every section, on the public address."""
    items = []
    for section, sitemap_class in SITEMAPS.items():
        url = site_url(reverse("claims:sitemap-section", kwargs={"section": section}))
        pages = sitemap_class().paginator.num_pages
        items.append(SitemapIndexItem(url))
        items += [SitemapIndexItem(f"{url}?p={page}") for page in range(2, pages + 1)]
    return TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": items},
        content_type="application/xml",
    )
