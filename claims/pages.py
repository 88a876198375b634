"""Which claims' public pages show a given thing: the one list the services use to
bump ``Claim.page_version`` when that thing changes.

A claim page (and the API's claim detail) shows the claim; its claimant with aliases
(JSON-LD ``alternateName``); its verdict and the verdicts of its corrections; its tags,
dates, evidence, public notes and corrections; the documents it appeared in with their
publishers; and the cards of related claims (same claimant or a shared tag), each with
its verdict, statement, claimant, tags and event dates. JSON-LD also gives the scale's
best and worst values.

What many pages share is not bumped claim by claim: the catalogue (sources, aliases,
tags, ratings) and the related claims' cards are versioned once for every page by the
site's epoch (``claims.models.epoch``; ``claims.services.pages`` moves it). What is
left here is what only a few claims' pages show: a document.
"""

from __future__ import annotations

from django.db.models import Q

from .models import Claim, ClaimQuerySet, Document

#: What a claim's card shows on other pages (lists, related claims): these fields,
#: and rows of these models (by model name). A change to them in a public claim
#: moves every page's related claims (``claims.services.pages.listings_changed``).
CARD_FIELDS = frozenset({"statement", "language", "claimant", "verdict", "tags"})
CARD_ROWS = frozenset({"claimdate", "claimtranslation"})


def claims_showing_document(document: Document) -> ClaimQuerySet:
    """Pages that show ``document``: where the claim appeared, or as evidence."""
    return Claim.objects.filter(
        Q(appearances__document=document) | Q(evidence__document=document)
    )
