"""Other fact-checkers' ClaimReviews, imported as claims for the desk to look at."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..dates import PartialDate
from ..models import Claim, ExternalFactCheck, ExternalId, Rating, Source
from .base import audited
from .claims import claim_create, claims_bulk_create
from .records import source_get_or_create, sources_get_or_create_many

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


@dataclass(frozen=True)
class DatasetRow:
    """One row of a dataset of claims (LIAR, a newsroom's spreadsheet), read and
    cleaned (``interop.tabular`` makes these)."""

    #: unique across datasets: "liar:2635.json"
    key: str
    dataset: str
    statement: str
    language: str = "en"
    claimant_name: str = ""
    claimant_kind: str = Source.Kind.PERSON
    made: PartialDate | None = None
    tags: tuple[str, ...] = ()
    rating_label: str = ""
    rating: Rating | None = None
    speaker_job: str = ""
    speaker_state: str = ""
    speaker_party: str = ""
    context: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def record_fields(self) -> dict[str, Any]:
        """What the ``ExternalId`` row stores of it (a re-import compares these)."""
        return {
            "dataset": self.dataset[:50],
            "rating_label": self.rating_label[:100],
            "rating": self.rating,
            "speaker_job": self.speaker_job[:300],
            "speaker_state": self.speaker_state[:100],
            "speaker_party": self.speaker_party[:100],
            "context": self.context[:500],
            "data": self.data,
        }


@audited
def external_ids_import(
    *,
    by: User | None,
    rows: list[DatasetRow],
    sources: dict[str, Source] | None = None,
) -> list[tuple[ExternalId, Outcome]]:
    """Import rows of a dataset, all or nothing: (record, outcome) per row, in order.

    Keyed on ``DatasetRow.key`` (``ExternalId.key``, unique): a new key captures
    the statement as a new claim (``origin`` dataset, status ``new``: never public
    until the desk checks it) with its claimant and tags through
    ``claims_bulk_create``, which writes each claim's history and "created" review
    event as ``claim_create`` does, and its ``ExternalId`` (history too) with the
    dataset's verdict and the speaker's job, state, party and context. A key seen
    before changes no claim: its record is ``updated`` if the row changed, else
    ``unchanged``. Claimants are found by name or alias, or created, for the
    whole batch at once (``sources_get_or_create_many``); ``sources`` caches them
    between calls (name folded → source) and only learns those of calls that
    committed.
    """
    keys = [row.key for row in rows]
    if len(set(keys)) != len(keys):
        raise ValueError("external_ids_import: a key appears twice in one call")
    known = dict(sources or {})
    outcomes: list[tuple[ExternalId, Outcome]] = []
    with transaction.atomic():
        existing = {
            record.key: record
            for record in ExternalId.objects.select_for_update().with_keys(keys)
        }
        fresh = [row for row in rows if row.key not in existing]
        wanted = {
            row.claimant_name.strip()[:200]: row.claimant_kind
            for row in fresh
            if row.claimant_name.strip()[:200].casefold() not in known
        }
        known.update(sources_get_or_create_many(names=wanted))
        claims = claims_bulk_create(
            rows=[
                {
                    "statement": row.statement,
                    "language": row.language,
                    "claimant": known.get(row.claimant_name.strip()[:200].casefold()),
                    "made": row.made,
                    "tags": list(row.tags),
                    "origin": Claim.Origin.DATASET,
                }
                for row in fresh
            ],
            by=by,
        )
        now = timezone.now()
        records = [
            ExternalId(
                claim=claim,
                key=row.key,
                imported_at=now,
                updated_at=now,
                **row.record_fields(),
            )
            for row, claim in zip(fresh, claims, strict=True)
        ]
        for record in records:
            record.full_clean(exclude=["claim", "rating"], validate_unique=False)
        ExternalId.objects.bulk_create(records)
        new = {record.key: record for record in records}
        for row in rows:
            if row.key not in existing:
                outcomes.append((new[row.key], "imported"))
                continue
            record = existing[row.key]
            fields = row.record_fields()
            rating = fields.pop("rating")
            changed = {
                name: value
                for name, value in fields.items()
                if getattr(record, name) != value
            }
            if record.rating_id != (rating.pk if rating else None):  # no query
                changed["rating"] = rating
            if not changed:
                outcomes.append((record, "unchanged"))
                continue
            for name, value in changed.items():
                setattr(record, name, value)
            record.updated_at = now
            record.full_clean(exclude=["claim", "rating"])
            record.save()
            outcomes.append((record, "updated"))
    if sources is not None:
        sources.update(known)
    return outcomes
