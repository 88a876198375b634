"""schema.org ClaimReview for a published claim, as Google and other tools read it.

Google's required properties: ``claimReviewed``, ``reviewRating`` (with
``alternateName``), ``url``; recommended: ``author``, ``datePublished``,
``itemReviewed`` (a ``Claim`` with ``author``, ``datePublished``, ``appearance`` and
``firstAppearance``) and the rating's ``ratingValue``, ``bestRating`` and
``worstRating``. A verdict off the numeric scale (Unproven) carries its label only.
Expects a claim loaded with ``ClaimQuerySet.with_page_related()``.

The claim page embeds it (``public.jsonld``); ``claimreview_feed`` streams the same
objects as a schema.org DataFeed (``manage.py export_claimreview``,
``/claimreview.json``), and ``interop`` reads them back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language

from claims.links import safe_url, site_url
from claims.models import Appearance, Claim, Rating, Source
from claims.models.translations import primary_language
from claims.text import markdown_text
from claims.translations import claim_text, language_url


def organisation() -> dict[str, Any]:
    """The fact-checking organisation: the review's author."""
    return {
        "@type": "Organization",
        "name": settings.CLAIMDESK_SITE_NAME,
        "url": site_url("/"),
    }


def source_entity(source: Source | None) -> dict[str, Any]:
    if source is None:
        return {"@type": "Organization", "name": "Unknown"}
    kind = "Person" if source.kind == Source.Kind.PERSON else "Organization"
    data: dict[str, Any] = {"@type": kind, "name": source.name}
    if not source.is_archived:  # an archived source's page is gone (404)
        data["url"] = site_url(source.get_absolute_url())
    if safe_url(source.homepage):
        data["sameAs"] = safe_url(source.homepage)
    aliases = [a.name for a in source.aliases.all()]
    if aliases:
        data["alternateName"] = aliases
    return data


def creative_work(appearance: Appearance) -> dict[str, Any]:
    document = appearance.document
    data: dict[str, Any] = {"@type": "CreativeWork", "headline": document.title}
    if safe_url(document.url):
        data["url"] = safe_url(document.url)
    if document.published_on:
        data["datePublished"] = document.published_on.isoformat()
    if document.language:
        data["inLanguage"] = document.language
    if document.publisher:
        data["publisher"] = {
            "@type": "Organization",
            "name": document.publisher.name,
        }
    if document.authors:
        data["author"] = [
            {"@type": "Person", "name": name.strip()}
            for name in document.authors.split(",")
            if name.strip()
        ]
    if safe_url(document.archive_url):
        data["archivedAt"] = safe_url(document.archive_url)
    return data


def review_rating(
    verdict: Rating | None, language: str, scale: tuple[int, int] | None = None
) -> dict[str, Any]:
    if verdict is None:
        return {}
    data: dict[str, Any] = {
        "@type": "Rating",
        "alternateName": verdict.localized_label(language),
    }
    if verdict.value is not None:
        worst, best = scale or Rating.scale_bounds()
        data.update(
            {"ratingValue": verdict.value, "bestRating": best, "worstRating": worst}
        )
    explanation = verdict.localized_description(language)
    if explanation:
        data["ratingExplanation"] = explanation
    return data


def claim_review(
    claim: Claim, *, scale: tuple[int, int] | None = None
) -> dict[str, Any]:
    """The ClaimReview of a published ``claim`` as a JSON-ready dict.

    ``scale`` is ``Rating.scale_bounds()`` when the caller has read it once for
    many claims (the feed); otherwise it is read here."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    # This version's text: the translation into the reader's language where the
    # team wrote one, else the original. ``inLanguage`` says which it is.
    text = claim_text(claim, language)
    shown = primary_language(text.statement_language)
    # Later sightings are appearances too, but never the origin: the claim's
    # datePublished and firstAppearance stay what they were when it was published.
    originals: list[Appearance] = claim.original_appearances
    appearances = [creative_work(a) for a in [*originals, *claim.later_sightings]]
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": source_entity(claim.claimant),
        "inLanguage": claim.language,
    }
    made = claim.made
    if made is not None:
        item["datePublished"] = made.iso()
    elif originals and originals[0].document.published_on:
        item["datePublished"] = originals[0].document.published_on.isoformat()
    if appearances:
        item["appearance"] = appearances
    if originals:
        item["firstAppearance"] = appearances[0]
    path = claim.get_absolute_url()
    url = site_url(path)
    version_url = (
        url
        if shown == primary_language(claim.language)
        else (site_url(language_url(path, shown)))
    )
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": version_url,
        "url": version_url,
        "claimReviewed": text.statement,
        "author": organisation(),
        "publisher": organisation(),
        "itemReviewed": item,
        "reviewRating": review_rating(claim.verdict, language, scale),
        "inLanguage": shown,
    }
    # The other language versions of the same review (schema.org CreativeWork's
    # translationOfWork / workTranslation).
    others = [lang for lang in text.versions if lang != shown]
    if shown != primary_language(claim.language):
        data["translationOfWork"] = {"@id": url}
    elif others:
        data["workTranslation"] = [
            {"@id": site_url(language_url(path, lang)), "inLanguage": lang}
            for lang in others
        ]
    if claim.published_at:
        data["datePublished"] = claim.published_at.date().isoformat()
    if claim.revised_at:
        data["dateModified"] = claim.revised_at.isoformat()
    corrections = getattr(claim, "public_corrections", None)
    if corrections is None:
        corrections = list(claim.corrections.all())
    if corrections:
        # schema.org CreativeWork.correction: a CorrectionComment per correction.
        data["dateModified"] = corrections[-1].created_at.isoformat()
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": c.note,
                "datePublished": c.created_at.isoformat(),
                "url": f"{url}#correction-{c.pk}",
            }
            for c in corrections
        ]
    if text.summary:
        data["reviewBody"] = markdown_text(text.summary, limit=5000)
    if claim.verdict:
        data["name"] = f"{claim.verdict.localized_label(language)}: {text.statement}"[
            :110
        ]
    return data


def claimreview_feed(
    claims: Iterator[Claim], *, name: str | None = None
) -> Iterator[str]:
    """A schema.org DataFeed of ClaimReviews, as chunks of JSON text.

    One ``DataFeedItem`` per claim, holding the claim page's own ClaimReview, so
    the feed can never say something the page does not. ``claims`` is consumed
    lazily (pass ``QuerySet.iterator()``), so a feed of 100,000 claims is never
    held in memory: each claim is written and forgotten.
    """
    scale = Rating.scale_bounds()
    head = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "name": name or f"{settings.CLAIMDESK_SITE_NAME} ClaimReview feed",
        "url": site_url("/claimreview.json"),
        "publisher": organisation(),
        "dateModified": timezone.now().isoformat(timespec="seconds"),
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "dataFeedElement": ['
    separator = "\n"
    for claim in claims:
        review = claim_review(claim, scale=scale)
        item: dict[str, Any] = {"@type": "DataFeedItem", "item": [review]}
        if claim.published_at:
            item["dateCreated"] = claim.published_at.isoformat()
        if "dateModified" in review:
            item["dateModified"] = review["dateModified"]
        yield separator + json.dumps(item, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"
