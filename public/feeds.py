"""RSS and Atom feeds of the latest published fact-checks, overall and per topic,
with each correction and retraction of them as an item of its own.

Descriptions are plain text (the markdown's words, never its markup or HTML): readers
unescape an item's description once and show it as HTML, so every part a person
typed (statements, names, notes, labels) is escaped into it once, here. A corrected
claim's item says so in its title; a correction and a retraction are items of their
own.

Read in another site language (``?lang=id``, or a reader's Accept-Language), each
item shows the claim's translation where the team wrote one (statement and verdict
summary; each part falls back to the original on its own, as on the claim page),
tag names in that language, and links to that language version of the page
(``?lang=id``, the page's own canonical URL); entries are cached per language.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from html import escape as html_escape
from typing import Any, NamedTuple

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.timezone import localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from claims.caching import cached_fragments, fragment_key
from claims.links import site_url
from claims.models import Claim, ClaimQuerySet, Correction, ReviewEvent, Status, Tag
from claims.models.review import CorrectionQuerySet, ReviewEventQuerySet
from claims.siteversion import cached_facet
from claims.text import markdown_text
from claims.translations import claim_text, language_url

FEED_LENGTH = 30


@dataclass(frozen=True)
class FeedEntry:
    """One item of the main and tag feeds: a fact-check, a correction of one or a
    retraction, each with its own stable guid."""

    title: str
    description: SafeString
    link: str
    guid: str
    published: datetime
    updated: datetime
    categories: list[str]


def _categories(claim: Claim) -> list[str]:
    return [tag.localized_name() for tag in claim.tags.all()]


def _reader_language() -> str:
    """The active language, when it is not the site's default: the feed is then
    that language's, and links to that language version of each page."""
    language = (get_language() or "").split("-")[0]
    default = settings.LANGUAGE_CODE.split("-")[0]
    return "" if language in ("", default) else language


def _url(path: str, fragment: str = "") -> str:
    """An absolute link to ``path`` in the feed's language."""
    language = _reader_language()
    return site_url((language_url(path, language) if language else path) + fragment)


def _statement(claim: Claim) -> str:
    return claim_text(claim, get_language()).statement


def plain(parts: list[str]) -> SafeString:
    """Sentences of plain text, no markup: the one escape a reader undoes before
    showing a description as HTML (only ``& < >``; quotes stay as typed, so a
    reader that shows text as text shows no entities either)."""
    text = " ".join(" ".join(part.split()) for part in parts if part)
    return mark_safe(html_escape(text, quote=False))  # escaped just now


def _on(moment: datetime | None) -> str:
    return date_format(localtime(moment), "DATE_FORMAT") if moment else ""


def claim_description(claim: Claim) -> SafeString:
    """Who claimed it, the verdict, a correction's date and the write-up's words:
    plain text (the markdown's words, not its markup), escaped."""
    parts = []
    if claim.claimant:
        parts.append(_("Claimed by %(name)s.") % {"name": claim.claimant.name})
    if claim.verdict:
        parts.append(
            _("Verdict: %(label)s.") % {"label": claim.verdict.localized_label()}
        )
    if claim.status == Status.CORRECTED:
        parts.append(_("Corrected on %(date)s.") % {"date": _on(claim.revised_at)})
    summary = claim_text(claim, get_language()).summary
    if summary:
        parts.append(markdown_text(summary))
    return plain(parts)


def claim_entry(claim: Claim) -> FeedEntry:
    verdict = claim.verdict.localized_label() if claim.verdict else _("No verdict")
    link = _url(claim.get_absolute_url())
    statement = _statement(claim)
    if claim.status == Status.CORRECTED:
        title = _("%(verdict)s (corrected): %(statement)s") % {
            "verdict": verdict,
            "statement": statement,
        }
    else:
        title = f"{verdict}: {statement}"
    return FeedEntry(
        title=title,
        description=claim_description(claim),
        link=link,
        guid=link,
        published=claim.published_at or claim.created_at,
        updated=claim.revised_at or claim.published_at or claim.created_at,
        categories=_categories(claim),
    )


def correction_description(correction: Correction) -> SafeString:
    """The correction's note, the verdict change and each field's before and
    after, as the claim page shows them: plain text, escaped."""
    parts = [correction.note]
    old, new = correction.previous_verdict, correction.new_verdict
    if old and new and old != new:
        parts.append(
            capfirst(
                _("verdict changed from %(old)s to %(new)s")
                % {"old": old.localized_label(), "new": new.localized_label()}
            )
            + "."
        )
    if correction.changes:
        parts.append(_("What changed") + ":")
        parts.extend(
            "{}: “{}” → “{}”.".format(
                capfirst(str(change.get("label", ""))),
                change.get("before") or "—",
                change.get("after") or "—",
            )
            for change in correction.changes
        )
    return plain(parts)


def correction_entry(correction: Correction) -> FeedEntry:
    link = _url(correction.claim.get_absolute_url(), f"#correction-{correction.pk}")
    return FeedEntry(
        title=_("Correction: %(statement)s")
        % {"statement": _statement(correction.claim)},
        description=correction_description(correction),
        link=link,
        guid=link,
        published=correction.created_at,
        updated=correction.created_at,
        categories=_categories(correction.claim),
    )


def retraction_entry(event: ReviewEvent) -> FeedEntry:
    claim = event.claim
    assert claim is not None  # public_retractions() holds only linked events
    link = _url(claim.get_absolute_url(), f"#retraction-{event.pk}")
    parts = [_("We retracted this fact-check: its verdict no longer stands.")]
    if claim.verdict:
        parts.append(
            _("It was rated %(label)s.") % {"label": claim.verdict.localized_label()}
        )
    parts.append(_("Why: %(reason)s") % {"reason": event.comment})
    return FeedEntry(
        title=_("Retraction: %(statement)s") % {"statement": _statement(claim)},
        description=plain(parts),
        link=link,
        guid=link,
        published=event.created_at,
        updated=event.created_at,
        categories=_categories(claim),
    )


class WrittenWhole(SyndicationFeed):
    """A feed written into a string and handed to the response in one piece: the
    XML generator writes every tag and text on its own, and each write to an
    ``HttpResponse`` is a conversion and a chunk of its own (thousands per feed)."""

    def write(self, outfile: Any, encoding: str) -> None:
        buffer = io.StringIO()
        super().write(buffer, encoding)
        outfile.write(buffer.getvalue())


class RssFeed(WrittenWhole, Rss201rev2Feed):
    pass


class AtomFeed(WrittenWhole, Atom1Feed):
    pass


class Head(NamedTuple):
    """What places an item in a feed and names its cached entry: its kind, its own
    id, the ``page_version`` of its claim (which every change the entry shows
    bumps) and its date."""

    kind: str
    pk: int
    page_version: int
    published: datetime


def _heads(
    claims: ClaimQuerySet,
    corrections: CorrectionQuerySet,
    retractions: ReviewEventQuerySet,
) -> list[Head]:
    """The newest ``FEED_LENGTH`` items of the three lists together, newest first:
    three small queries of ids, versions and dates."""
    heads = [
        *(
            Head("claim", pk, version, published or created)
            for pk, version, published, created in claims.newest_first().values_list(
                "pk", "page_version", "published_at", "created_at"
            )[:FEED_LENGTH]
        ),
        *(
            Head("correction", *row)
            for row in corrections.newest_first().values_list(
                "pk", "claim__page_version", "created_at"
            )[:FEED_LENGTH]
        ),
        *(
            Head("retraction", *row)
            for row in retractions.order_by("-created_at", "-pk").values_list(
                "pk", "claim__page_version", "created_at"
            )[:FEED_LENGTH]
        ),
    ]
    heads.sort(key=lambda head: head.published, reverse=True)
    return heads[:FEED_LENGTH]


def retraction_ids(tag: Tag | None) -> list[int]:
    """The ids of the newest ``FEED_LENGTH`` public retractions (of ``tag``'s
    claims when given), kept until the site version moves (``cached_facet``; every
    retraction bumps it).

    Retractions are rare, and PostgreSQL cannot tell that nearly every retraction
    event is of a retracted claim: it expects a handful, so asked for the newest
    public retractions at once it hashes all the retracted claims, or all the tag's
    claims (some 200 ms at a million claims), rather than walk the newest
    retractions; the site-wide list is read in two steps instead
    (``newest_public_retraction_ids``). The feed re-applies the public filter to
    these ids, so a claim archived since is never shown; only a newer retraction
    may wait for the version (with a per-process cache,
    ``CLAIMDESK_FACET_CACHE_SECONDS``)."""
    if tag is None:
        return cached_facet(
            "feed-retractions",
            lambda: ReviewEvent.objects.newest_public_retraction_ids(FEED_LENGTH),
        )
    return cached_facet(
        f"feed-retractions:{tag.pk}",
        lambda: list(
            ReviewEvent.objects.public_retractions()
            .filter(claim__tags=tag)
            .order_by("-created_at", "-pk")
            .values_list("pk", flat=True)[:FEED_LENGTH]
        ),
    )


def feed_entries(
    claims: ClaimQuerySet,
    corrections: CorrectionQuerySet,
    retractions: ReviewEventQuerySet,
) -> list[FeedEntry]:
    """The feed's entries: the newest items of the three lists (``_heads``), each
    from the fragment cache, keyed by its claim's ``page_version`` and the language,
    or built (with at most two queries per kind) and kept.

    A retraction event never changes, and a correction is written once by the
    service that bumps its claim's page; everything else an entry shows (the
    statement, claimant, verdict, summary, tags) is its claim's, so the claim's
    ``page_version`` keys every kind of entry."""
    language = get_language() or ""
    heads = _heads(claims, corrections, retractions)

    def build(missing: list[Head]) -> dict[Head, FeedEntry]:
        pks: dict[str, list[int]] = {"claim": [], "correction": [], "retraction": []}
        for head in missing:
            pks[head.kind].append(head.pk)
        built: dict[tuple[str, int], FeedEntry] = {}
        if pks["claim"]:
            for claim in (
                claims.filter(pk__in=pks["claim"])
                .select_related("claimant", "verdict")
                .prefetch_related("tags", "translations")
            ):
                built["claim", claim.pk] = claim_entry(claim)
        if pks["correction"]:
            for correction in (
                corrections.filter(pk__in=pks["correction"])
                .select_related("claim", "previous_verdict", "new_verdict")
                .defer("claim__search_vector")
                .prefetch_related("claim__tags", "claim__translations")
            ):
                built["correction", correction.pk] = correction_entry(correction)
        if pks["retraction"]:
            for event in (
                retractions.filter(pk__in=pks["retraction"])
                .select_related("claim__verdict")
                .defer("claim__search_vector")
                .prefetch_related("claim__tags", "claim__translations")
            ):
                built["retraction", event.pk] = retraction_entry(event)
        return {
            head: built[head.kind, head.pk]
            for head in missing
            if (head.kind, head.pk) in built
        }

    return cached_fragments(
        [
            (
                head,
                fragment_key(
                    "feed-entry", head.kind, head.pk, head.page_version, language
                ),
            )
            for head in heads
        ],
        build,
    )


class LatestClaimsFeed(Feed):
    feed_type: type[SyndicationFeed] = RssFeed

    def title(self, obj: Tag | None = None) -> str:
        if obj is not None:
            return _("%(site)s: fact-checks about %(tag)s") % {
                "site": settings.CLAIMDESK_SITE_NAME,
                "tag": obj.localized_name(),
            }
        return _("%(site)s: latest fact-checks") % {
            "site": settings.CLAIMDESK_SITE_NAME
        }

    def link(self, obj: Tag | None = None) -> str:
        path = reverse("claims:claim-list")
        if obj is not None:
            path += f"?tag={obj.slug}"
        language = _reader_language()
        if language:
            path += f"{'&' if obj is not None else '?'}lang={language}"
        return site_url(path)

    def feed_url(self, obj: Tag | None = None) -> str:
        name = "tag-feed" if obj is not None else "feed"
        kind = "atom" if issubclass(self.feed_type, Atom1Feed) else "rss"
        kwargs = {"slug": obj.slug} if obj is not None else {}
        return _url(reverse(f"claims:{name}-{kind}", kwargs=kwargs))

    def description(self, obj: Tag | None = None) -> str:
        return _("Published fact-checks: the claim, its verdict and why.")

    subtitle = description

    def items(self, obj: Tag | None = None) -> list[FeedEntry]:
        """The latest fact-checks, corrections and retractions (of ``obj``'s claims
        when given), newest first, in at most nine queries however many there are
        (``feed_entries``; three when every entry is cached), and one or two more
        for the retraction ids when they are not kept (``retraction_ids``)."""
        claims = Claim.objects.published()
        corrections = Correction.objects.public()
        retractions = ReviewEvent.objects.public_retractions().filter(
            pk__in=retraction_ids(obj)
        )
        if obj is not None:
            claims = claims.filter(tags=obj)
            corrections = corrections.filter(claim__tags=obj)
        return feed_entries(claims, corrections, retractions)

    def item_title(self, item: FeedEntry) -> str:
        return item.title

    def item_description(self, item: FeedEntry) -> str:
        return item.description

    def item_link(self, item: FeedEntry) -> str:
        return item.link

    def item_guid(self, item: FeedEntry) -> str:
        return item.guid

    item_guid_is_permalink = True

    def item_pubdate(self, item: FeedEntry) -> datetime:
        return item.published

    def item_updateddate(self, item: FeedEntry) -> datetime:
        return item.updated

    def item_author_name(self, item: FeedEntry) -> str:
        return settings.CLAIMDESK_SITE_NAME

    def item_categories(self, item: FeedEntry) -> list[str]:
        return item.categories

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        return None


class LatestClaimsAtomFeed(LatestClaimsFeed):
    feed_type = AtomFeed


class TagClaimsFeed(LatestClaimsFeed):
    """Fact-checks on one topic; a topic with no published claim answers 404."""

    def get_object(  # type: ignore[override]
        self, request: HttpRequest, *args: Any, slug: str = "", **kwargs: Any
    ) -> Tag:
        return get_object_or_404(Tag.objects.public(), slug=slug)


class TagClaimsAtomFeed(TagClaimsFeed):
    feed_type = AtomFeed


class CorrectionsFeed(Feed):
    """The corrections log as RSS: one item per correction, its own guid."""

    feed_type: type[SyndicationFeed] = RssFeed

    def title(self) -> str:
        return _("%(site)s: corrections") % {"site": settings.CLAIMDESK_SITE_NAME}

    def link(self) -> str:
        return _url(reverse("claims:correction-list"))

    def description(self) -> str:
        return _("Corrections to our published fact-checks, newest first.")

    def items(self) -> QuerySet[Correction]:
        return (
            Correction.objects.public()
            .newest_first()
            .select_related("claim", "previous_verdict", "new_verdict")
            .prefetch_related("claim__translations")[:FEED_LENGTH]
        )

    def item_title(self, item: Correction) -> str:
        return _("Correction: %(statement)s") % {"statement": _statement(item.claim)}

    def item_description(self, item: Correction) -> str:
        return correction_description(item)

    def item_link(self, item: Correction) -> str:
        return _url(item.claim.get_absolute_url(), f"#correction-{item.pk}")

    def item_guid(self, item: Correction) -> str:
        return self.item_link(item)

    item_guid_is_permalink = True

    def item_pubdate(self, item: Correction) -> datetime:
        return item.created_at
