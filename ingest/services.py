"""Saving an analysed article: the one writer for imports, command and admin alike.

``article_import`` stores the document, then each accepted candidate as a new claim
(with its claimant, dates and appearances) or, when the same statement is already a
claim, as a new appearance of that claim, all in one transaction: an error anywhere
leaves nothing behind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from claims.dates import PartialDate
from claims.models import Claim, Document, Source, SourceAlias
from claims.services import (
    appearance_add,
    claim_create,
    claim_date_add,
    document_create,
    source_get_or_create,
)

from .furniture import host_outlet
from .names import squash
from .pipeline import Analysis, Candidate

_KINDS = {choice for choice, _label in Source.Kind.choices}


@dataclass
class Decision:
    """What the fact-checker kept of one candidate (by its index), possibly edited."""

    index: int
    statement: str
    claimant: str
    checkworthiness: float | None
    #: the fact-checker's own wording, replacing the analysed chain; None keeps it
    attribution: str | None = None
    #: the dates as corrected on the review screen; None keeps the analysed ones
    dates: list[dict[str, str]] | None = None


@dataclass
class ImportResult:
    document: Document
    claims: list[tuple[Claim, bool]] = field(default_factory=list)  # (claim, created)

    @property
    def created(self) -> int:
        return sum(1 for _claim, created in self.claims if created)

    @property
    def reused(self) -> int:
        return sum(1 for _claim, created in self.claims if not created)


def _normalise(text: str) -> str:
    text = re.sub(r"[\"“”„‘’'`]", "", text)
    return " ".join(text.split()).casefold().rstrip(".!?,")


def existing_claim(statement: str, quote: str) -> Claim | None:
    """A claim already in the database with the same statement (ignoring case,
    then quotation marks, spacing and closing punctuation) or the same quote.

    Index lookups only (``ClaimQuerySet.same_statement``, the quote's hash index):
    the importer asks this for every candidate, at any number of claims."""
    claims = Claim.objects.active()
    found = list(claims.same_statement(statement).order_by("pk")[:20])
    plain = statement.strip().casefold()
    exact = next((c for c in found if c.statement.casefold() == plain), None)
    if exact is not None:
        return exact
    if quote:
        same_quote = claims.filter(appearances__quote=quote).order_by("pk").first()
        if same_quote is not None:
            return same_quote
    key = _normalise(statement)
    return next((c for c in found if _normalise(c.statement) == key), None)


#: at most this many sources sharing a name's first letters are compared with it
CLOSE_VARIANT_CANDIDATES = 200


def existing_source(name: str) -> Source | None:
    """The Source called ``name``: by name or alias, else a close variant of either
    ("liputan6.com" for "Liputan6", "VOA Indonesia" for "Voaindonesia"; see
    ``names.squash``). Reads only: a dry run or a preview creates nothing."""
    name = name.strip()
    if not name:
        return None
    found = Source.objects.matching(name).order_by("pk").first()
    if found is not None:
        return found
    key = squash(name)
    if len(key) < 3:
        return None
    head = name[:3]
    nearby = Source.objects.filter(name__istartswith=head).order_by("pk")[
        :CLOSE_VARIANT_CANDIDATES
    ]
    for source in nearby:
        if squash(source.name) == key:
            return source
    aliases = SourceAlias.objects.filter(name__istartswith=head).select_related(
        "source"
    )[:CLOSE_VARIANT_CANDIDATES]
    for alias in aliases:
        if squash(alias.name) == key:
            return alias.source
    return None


def is_known_source(name: str) -> bool:
    """Whether ``name`` is a Source's name or alias: the importer accepts such a
    speaker as claimant even when its tagger does not read it as a name."""
    return existing_source(name) is not None


def source_for(name: str, kind: str) -> Source | None:
    """The Source called ``name`` (by name or alias), created when there is none."""
    name = name.strip()[:200]
    if not name:
        return None
    return existing_source(name) or source_get_or_create(
        name=name, kind=kind if kind in _KINDS else Source.Kind.ORGANISATION
    )


def publisher_for(analysis: Analysis) -> Source | None:
    """The outlet by name or alias, else by its web domain as an alias, else new."""
    found = existing_source(analysis.publisher)
    if found is None:
        _name, host = host_outlet(analysis.url)
        found = existing_source(host) if host else None
    return found or source_for(analysis.publisher, Source.Kind.OUTLET)


def annotate_one(candidate: Candidate) -> dict[str, Any]:
    """The existing claim a candidate repeats and its claimant's Source, if any."""
    claim = existing_claim(candidate.statement, candidate.quote)
    source = existing_source(candidate.claimant)
    return {
        "existing_claim": claim.pk if claim else None,
        "claimant_source": source.pk if source else None,
    }


def annotate(analysis: Analysis) -> list[dict[str, Any]]:
    """``annotate_one`` for every candidate of ``analysis``."""
    return [annotate_one(candidate) for candidate in analysis.candidates]


def default_decisions(analysis: Analysis) -> list[Decision]:
    """Accept every candidate as proposed (the command line's behaviour)."""
    return [
        Decision(i, c.statement, c.claimant, c.checkworthiness)
        for i, c in enumerate(analysis.candidates)
    ]


def _made(dates: list[dict[str, str]], analysis: Analysis) -> PartialDate | None:
    for date in dates:
        if date["role"] == "reported":
            return PartialDate.parse(date["value"])
    if analysis.published_on:
        return PartialDate(analysis.published_on)
    return None


def article_import(
    *,
    analysis: Analysis,
    by: Any,
    decisions: list[Decision] | None = None,
    assignee: Any = None,
) -> ImportResult:
    """Store ``analysis`` and the accepted candidates; ``by=None`` is a system import.

    ``assignee`` (a user) is given every new claim. Raises ``ValidationError``
    (from the claims services) or ``PermissionDenied``; either way nothing is
    written.
    """
    if decisions is None:
        decisions = default_decisions(analysis)
    with transaction.atomic():
        publisher = publisher_for(analysis)
        document = document_create(
            by=by,
            title=analysis.title or analysis.text[:80],
            text=analysis.text,
            language=analysis.language,
            url=analysis.url[:2000],
            publisher=publisher,
            authors=analysis.authors,
            published_on=analysis.published_on,
            retrieved_at=timezone.now(),
        )
        result = ImportResult(document)
        for decision in decisions:
            candidate = analysis.candidates[decision.index]
            statement = decision.statement.strip() or candidate.statement
            claim = existing_claim(statement, candidate.quote)
            created = claim is None
            if claim is None:
                claimant_kind = (
                    candidate.claimant_kind
                    if decision.claimant == candidate.claimant
                    else Source.Kind.PERSON
                )
                typed = decision.attribution
                claimant = source_for(decision.claimant, claimant_kind)
                dates = candidate.dates if decision.dates is None else decision.dates
                claim = claim_create(
                    by=by,
                    statement=statement,
                    language=analysis.language,
                    claimant=claimant,
                    attribution="" if typed is None else typed.strip()[:500],
                    speech=candidate.speech,
                    attribution_chain=candidate.attribution_chain
                    if typed is None
                    else [],
                    made=_made(dates, analysis),
                    checkworthiness=decision.checkworthiness,
                    assignee=assignee,
                )
                for date in dates:
                    claim_date_add(
                        claim=claim,
                        start=PartialDate.parse(date["value"]),
                        end=PartialDate.parse(date["end"]) if date.get("end") else None,
                        role=date["role"],
                        text=date.get("text", ""),
                    )
            for start, end in [(candidate.start, candidate.end), *candidate.repeats]:
                appearance_add(
                    claim=claim,
                    document=document,
                    quote=analysis.text[start:end],
                    start=start,
                    end=end,
                    by=by,
                )
            result.claims.append((claim, created))
    return result
