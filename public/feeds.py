"""RSS and Atom feeds of the latest published fact-checks, overall and per topic."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.translation import gettext as _

from claims.links import site_url
from claims.models import Claim, Correction, Tag
from claims.text import markdown_text

FEED_LENGTH = 30


class LatestClaimsFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def title(self, obj: Tag | None = None) -> str:
        if obj is not None:
            return _("%(site)s: fact-checks about %(tag)s") % {
                "site": settings.CLAIMDESK_SITE_NAME,
                "tag": obj.name,
            }
        return _("%(site)s: latest fact-checks") % {
            "site": settings.CLAIMDESK_SITE_NAME
        }

    def link(self, obj: Tag | None = None) -> str:
        path = reverse("claims:claim-list")
        if obj is not None:
            path += f"?tag={obj.slug}"
        return site_url(path)

    def feed_url(self, obj: Tag | None = None) -> str:
        name = "tag-feed" if obj is not None else "feed"
        kind = "atom" if self.feed_type is Atom1Feed else "rss"
        kwargs = {"slug": obj.slug} if obj is not None else {}
        return site_url(reverse(f"claims:{name}-{kind}", kwargs=kwargs))

    def description(self, obj: Tag | None = None) -> str:
        return _("Published fact-checks: the claim, its verdict and why.")

    subtitle = description

    def items(self, obj: Tag | None = None) -> QuerySet[Claim]:
        claims = Claim.objects.published()
        if obj is not None:
            claims = claims.filter(tags=obj)
        return claims.with_public_related().newest_first()[:FEED_LENGTH]

    def item_title(self, item: Claim) -> str:
        verdict = item.verdict.localized_label() if item.verdict else _("No verdict")
        return f"{verdict}: {item.statement}"

    def item_description(self, item: Claim) -> str:
        parts = []
        if item.claimant:
            parts.append(_("Claimed by %(name)s.") % {"name": item.claimant.name})
        if item.verdict:
            parts.append(
                _("Verdict: %(label)s.") % {"label": item.verdict.localized_label()}
            )
        if item.verdict_summary:
            parts.append(markdown_text(item.verdict_summary))
        return " ".join(parts)

    def item_link(self, item: Claim) -> str:
        return site_url(item.get_absolute_url())

    def item_guid(self, item: Claim) -> str:
        return self.item_link(item)

    item_guid_is_permalink = True

    def item_pubdate(self, item: Claim) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Claim) -> datetime | None:
        return item.updated_at

    def item_author_name(self, item: Claim) -> str:
        return settings.CLAIMDESK_SITE_NAME

    def item_categories(self, item: Claim) -> list[str]:
        return [tag.name for tag in item.tags.all()]

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        return None


class LatestClaimsAtomFeed(LatestClaimsFeed):
    feed_type = Atom1Feed


class TagClaimsFeed(LatestClaimsFeed):
    """Fact-checks on one topic; a topic with no published claim answers 404."""

    def get_object(  # type: ignore[override]
        self, request: HttpRequest, *args: Any, slug: str = "", **kwargs: Any
    ) -> Tag:
        return get_object_or_404(Tag.objects.public(), slug=slug)


class TagClaimsAtomFeed(TagClaimsFeed):
    feed_type = Atom1Feed


class CorrectionsFeed(Feed):
    """The corrections log as RSS: one item per correction, its own guid."""

    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def title(self) -> str:
        return _("%(site)s: corrections") % {"site": settings.CLAIMDESK_SITE_NAME}

    def link(self) -> str:
        return site_url(reverse("claims:correction-list"))

    def description(self) -> str:
        return _("Corrections to our published fact-checks, newest first.")

    def items(self) -> QuerySet[Correction]:
        return (
            Correction.objects.public()
            .newest_first()
            .select_related("claim")[:FEED_LENGTH]
        )

    def item_title(self, item: Correction) -> str:
        return _("Correction: %(statement)s") % {"statement": item.claim.statement}

    def item_description(self, item: Correction) -> str:
        return item.note

    def item_link(self, item: Correction) -> str:
        return site_url(f"{item.claim.get_absolute_url()}#correction-{item.pk}")

    def item_guid(self, item: Correction) -> str:
        return self.item_link(item)

    item_guid_is_permalink = True

    def item_pubdate(self, item: Correction) -> datetime:
        return item.created_at
