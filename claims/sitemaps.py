"""``/sitemap.xml``: the public pages search engines should know about.

URLs are written on ``CLAIMDESK_SITE_URL`` (the public address), not on whichever host
the request came through.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse

from .models import Claim, Source


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
        return (
            Claim.objects.published()
            .only("pk", "updated_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item: Claim) -> datetime:
        return item.updated_at


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
                    .order_by("-updated_at")
                    .values("updated_at")[:1]
                )
            )
            .only("slug")
            .order_by("name", "pk")
        )

    def lastmod(self, item: Source) -> datetime | None:
        return getattr(item, "last", None)


SITEMAPS = {"pages": StaticSitemap, "claims": ClaimSitemap, "sources": SourceSitemap}
