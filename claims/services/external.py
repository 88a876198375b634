"""Other fact-checkers' ClaimReviews, imported as claims for the desk to look at."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..dates import PartialDate
from ..models import Claim, ExternalFactCheck, Rating, Source
from .base import audited
from .claims import claim_create
from .records import source_get_or_create

if TYPE_CHECKING:
    from .base import User

Outcome = Literal["imported", "updated", "unchanged"]


@dataclass(frozen=True)
class ExternalReview:
    """One ClaimReview, read and cleaned (``interop.claimreview`` makes these)."""

    claim_reviewed: str
    review_url: str
    publisher_name: str
    publisher_url: str = ""
    reviewed_on: dt.date | None = None
    rating_label: str = ""
    rating_value: float | None = None
    best_rating: float | None = None
    worst_rating: float | None = None
    rating: Rating | None = None
    #: BCP 47; empty when the review does not say (the claim takes the site's)
    language: str = ""
    claimant_name: str = ""
    claimant_kind: str = Source.Kind.ORGANISATION
    made: PartialDate | None = None
    appearances: list[dict[str, str]] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)

    def record_fields(self) -> dict[str, Any]:
        """What the ``ExternalFactCheck`` row stores of it."""
        return {
            "claim_reviewed": self.claim_reviewed,
            "review_url": self.review_url,
            "publisher_name": self.publisher_name[:200],
            "publisher_url": self.publisher_url,
            "reviewed_on": self.reviewed_on,
            "rating_label": self.rating_label[:500],
            "rating_value": self.rating_value,
            "best_rating": self.best_rating,
            "worst_rating": self.worst_rating,
            "rating": self.rating,
            "language": self.language,
            "appearances": self.appearances,
            "raw": self.raw,
        }


@audited
def external_fact_check_import(
    *, by: User | None, review: ExternalReview
) -> tuple[ExternalFactCheck, Outcome]:
    """Store another fact-checker's review of a claim, all or nothing.

    Keyed on (review URL, statement reviewed): the first import captures the
    statement as a new claim (``origin`` claimreview, status ``new``, so no public
    surface shows it) with its claimant and date, through ``claim_create``, which
    writes its history and review event; a later import of the same review updates
    the external record if anything in it changed (``updated``) or leaves it
    (``unchanged``). The claim, once captured, is the desk's: a re-import never
    edits it. ``by=None`` is a system import.
    """
    key = ExternalFactCheck.make_key(review.review_url, review.claim_reviewed)
    fields = review.record_fields()
    with transaction.atomic():
        existing = ExternalFactCheck.objects.select_for_update().filter(key=key).first()
        if existing is None:
            claimant = (
                source_get_or_create(
                    name=review.claimant_name[:200], kind=review.claimant_kind
                )
                if review.claimant_name
                else None
            )
            claim = claim_create(
                by=by,
                statement=review.claim_reviewed,
                language=review.language or settings.LANGUAGE_CODE.split("-")[0],
                claimant=claimant,
                made=review.made,
                origin=Claim.Origin.CLAIMREVIEW,
            )
            record = ExternalFactCheck(claim=claim, key=key, **fields)
            record.full_clean()
            record.save()
            return record, "imported"
        changed = {
            name: value
            for name, value in fields.items()
            if getattr(existing, name) != value
        }
        if not changed:
            return existing, "unchanged"
        for name, value in changed.items():
            setattr(existing, name, value)
        existing.updated_at = timezone.now()
        existing.full_clean()
        existing.save()
        return existing, "updated"
