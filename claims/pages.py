"""Which claims' public pages show a given thing: the one list the services use to
bump ``Claim.page_version`` when that thing changes.

A claim page (and the API's claim detail) shows the claim; its claimant with aliases
(JSON-LD ``alternateName``); its verdict and the verdicts of its corrections; its tags,
dates, evidence, public notes and corrections; the documents it appeared in with their
publishers; and the cards of related claims (same claimant or a shared tag), each with
its verdict, statement, claimant, tags and event dates. JSON-LD also gives the scale's
best and worst values, so any rating change shows on every page.
"""

from __future__ import annotations

from django.db.models import Q

from .models import Claim, ClaimQuerySet, Document, Source, Tag
from .models.claims import claims_in_any


def claims_showing_source(source: Source) -> ClaimQuerySet:
    """Pages that show ``source``: as claimant (there and on related claims' cards),
    as the publisher of a document a claim appeared in, or as evidence."""
    return claims_in_any(
        Claim.objects.filter(claimant=source).with_neighbours(),
        Claim.objects.filter(appearances__document__publisher=source),
        Claim.objects.filter(evidence__source=source),
    )


def claims_showing_document(document: Document) -> ClaimQuerySet:
    """Pages that show ``document``: where the claim appeared, or as evidence."""
    return Claim.objects.filter(
        Q(appearances__document=document) | Q(evidence__document=document)
    )


def claims_showing_tag(tag: Tag) -> ClaimQuerySet:
    """Pages that show ``tag``: its claims, and the pages whose related claims'
    cards show it."""
    return Claim.objects.filter(tags=tag).with_neighbours()


def claims_showing_ratings() -> ClaimQuerySet:
    """Pages that show the rating scale: every page with a verdict, a correction or a
    related claim's card shows some rating, and JSON-LD shows the scale's bounds, so
    all of them. Ratings change rarely; one UPDATE is cheaper than being wrong."""
    return Claim.objects.with_public_page()
