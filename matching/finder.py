"""Finding the claims a text (or a claim) may repeat, each with a score and why.

Candidates come from the embedding index (``matching.index``: the nearest
``CLAIMDESK_MATCH_CANDIDATES`` by meaning, in any language) and from the words
(on PostgreSQL the stored full-text vector, and pg_trgm's ``%`` through its GIN
index while the table is under ``CLAIMDESK_MATCH_TRIGRAM_LIMIT`` rows, past which
it costs seconds; on SQLite the importer's same-statement lookup). Each is scored
by ``matching.scoring``, the same arithmetic on every database.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.utils.translation import gettext as _

from claims.models import Claim
from claims.search import clean_search_text

from .embedding import dequantise, embed, embed_one, model_name
from .external import external_ids
from .index import vector_index
from .models import ClaimEmbedding, text_hash
from .scoring import Signals, score
from .text import (
    base_language,
    guess_language,
    lexical,
    shared_words,
    words,
)

logger = logging.getLogger(__name__)

#: how much of a query is read (a claim is a sentence or two; a pasted article is
#: cut, not refused)
_MAX_QUERY = 4000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class Suggestion:
    """A claim that may be the same as the query, and why."""

    claim: Claim
    score: float
    signals: Signals
    same_claimant: bool = False
    shared_words: list[str] = field(default_factory=list)
    external_ids: list[str] = field(default_factory=list)

    @property
    def suggested(self) -> bool:
        return self.score >= settings.CLAIMDESK_MATCH_SUGGEST

    @property
    def same(self) -> bool:
        return self.score >= settings.CLAIMDESK_MATCH_SAME

    @property
    def percent(self) -> int:
        return round(100 * self.score)


def similar_to_text(
    text: str,
    *,
    top: int = 5,
    exclude: Iterable[int] = (),
    language: str = "",
    claimant_id: int | None = None,
    vector: np.ndarray | None = None,
    using: str = "default",
) -> list[Suggestion]:
    """The ``top`` existing claims most likely to state ``text`` again, best
    first, whatever their score (``Suggestion.suggested`` says which pass the
    suggest threshold). Archived claims are left out."""
    text = " ".join(_CONTROL.sub(" ", text or "").split())[:_MAX_QUERY]
    if not text:
        return []
    excluded = frozenset(exclude)
    if vector is None:
        vector = embed_one(text)
    near = vector_index(using).search(
        vector, settings.CLAIMDESK_MATCH_CANDIDATES, exclude=excluded
    )
    cosines = {pk: cosine for pk, cosine, _ in near}
    ids = list(cosines) + [
        pk for pk in _lexical_candidates(text, using) if pk not in excluded
    ]
    claims = {
        c.pk: c
        for c in Claim.objects.using(using)
        .filter(pk__in=set(ids), is_archived=False)
        .select_related("claimant")
        .only("pk", "statement", "language", "claimant__name", "status", "origin")
    }
    missing = [pk for pk in claims if pk not in cosines]
    if missing:
        for pk, found in _vectors([claims[pk] for pk in missing], using=using).items():
            cosines[pk] = float(found @ vector)
    if not claims:
        return []
    query_language = base_language(language) or guess_language(text)
    ranked = sorted(claims, key=lambda pk: -cosines.get(pk, 0.0))
    suggestions = []
    for pk in ranked:
        claim = claims[pk]
        cosine = cosines[pk]
        other = _rival(claim, ranked, claims, cosines)
        claim_language = base_language(claim.language) or guess_language(
            claim.statement
        )
        cross = bool(
            query_language and claim_language and query_language != claim_language
        )
        signals = Signals(
            cosine=cosine,
            margin=cosine - other,
            lexical=lexical(text, claim.statement, same_language=not cross),
            cross_language=cross,
        )
        suggestions.append(
            Suggestion(
                claim=claim,
                score=score(signals),
                signals=signals,
                same_claimant=bool(claimant_id and claim.claimant_id == claimant_id),
                shared_words=shared_words(text, claim.statement),
            )
        )
    suggestions.sort(key=lambda s: (-s.score, s.claim.pk))
    suggestions = suggestions[:top]
    keys = external_ids([s.claim.pk for s in suggestions], using=using)
    for s in suggestions:
        s.external_ids = keys.get(s.claim.pk, [])
    return suggestions


def similar_to_texts(
    texts: list[str],
    *,
    top: int = 5,
    language: str = "",
    claimant_ids: list[int | None] | None = None,
) -> list[list[Suggestion]]:
    """``similar_to_text`` for several texts, embedded in one batch (the import
    review screen: an article's candidate claims)."""
    if not texts:
        return []
    vectors = embed([" ".join(t.split())[:_MAX_QUERY] or "-" for t in texts])
    claimants = claimant_ids or [None] * len(texts)
    return [
        similar_to_text(
            text, top=top, language=language, claimant_id=claimant, vector=vector
        )
        for text, vector, claimant in zip(texts, vectors, claimants, strict=True)
    ]


def reasons(suggestion: Suggestion, query_language: str) -> list[str]:
    """Why a candidate is listed, in the desk's words: shared words, the same
    claimant, across languages, and what speaks against it."""
    why = []
    if suggestion.shared_words:
        why.append(_("shared words: %(w)s") % {"w": ", ".join(suggestion.shared_words)})
    if suggestion.same_claimant:
        why.append(_("same claimant"))
    if suggestion.signals.cross_language:
        why.append(
            _("cross-language (%(a)s → %(b)s)")
            % {"a": query_language or "?", "b": suggestion.claim.language or "?"}
        )
    if not suggestion.shared_words and not suggestion.signals.cross_language:
        why.append(_("similar meaning"))
    lexical = suggestion.signals.lexical
    if lexical.numbers:
        why.append(_("but other numbers"))
    if lexical.polarity:
        why.append(_("but the other direction"))
    if lexical.negation:
        why.append(_("but one negates the other"))
    return why


def _rival(
    claim: Claim, ranked: list[int], claims: dict[int, Claim], cosines: dict[int, float]
) -> float:
    """What the margin is measured against: the cosine of the best other
    candidate that is not a copy of this one's wording, the same words in the same
    order (two imports of one claim must not make each other look doubtful; a
    looser test, pg_trgm similarity >= 0.8, took templated look-alikes for copies
    and lost 7 points of Success@1 on the labelled set). A translation of it does
    count: a claim kept both in English and in Indonesian scores lower than one
    kept once."""
    for pk in ranked[:20]:
        if pk == claim.pk:
            continue
        if words(claims[pk].statement) != words(claim.statement):
            return cosines[pk]
    return 0.0


def similar_to_claim(claim: Claim, *, top: int = 5) -> list[Suggestion]:
    """``claim``'s likely duplicates among the other claims, from its stored
    vector when it is fresh (no model call), else embedding it now."""
    vector = _vectors([claim]).get(claim.pk)
    return similar_to_text(
        claim.statement,
        top=top,
        exclude=[claim.pk],
        language=claim.language,
        claimant_id=claim.claimant_id,
        vector=vector,
    )


def _vectors(claims: list[Claim], using: str = "default") -> dict[int, np.ndarray]:
    """The claims' vectors: stored ones whose text is current, the rest computed
    now (not stored: writing is the job's)."""
    found: dict[int, np.ndarray] = {}
    rows = ClaimEmbedding.objects.using(using).filter(
        claim__in=[c.pk for c in claims], model=model_name()
    )
    hashes = {c.pk: text_hash(c.statement) for c in claims}
    for claim_id, digest, vector, scale in rows.values_list(
        "claim_id", "text_hash", "vector", "scale"
    ):
        if hashes.get(claim_id) == digest:
            found[claim_id] = dequantise(vector, scale)
    todo = [c for c in claims if c.pk not in found]
    if todo:
        for claim, vector in zip(todo, embed([c.statement for c in todo]), strict=True):
            found[claim.pk] = vector
    return found


def _lexical_candidates(text: str, using: str) -> list[int]:
    limit = settings.CLAIMDESK_MATCH_LEXICAL_CANDIDATES
    connection = connections[using]
    claims = Claim.objects.using(using).filter(is_archived=False)
    if connection.vendor != "postgresql":
        return list(claims.same_statement(text).values_list("pk", flat=True)[:limit])
    words = clean_search_text(text)
    found: list[int] = _limited(
        using,
        lambda: list(
            claims.search(words).order_by().values_list("pk", flat=True)[:limit]
        ),
    )
    if _estimated_claims(using) <= settings.CLAIMDESK_MATCH_TRIGRAM_LIMIT:
        found += _limited(using, lambda: _trigram_candidates(text, using, limit))
    return list(dict.fromkeys(found))


def _limited(using: str, query: Callable[[], list[int]]) -> list[int]:
    """``query()``'s rows if PostgreSQL answers within
    ``CLAIMDESK_MATCH_LEXICAL_MS``, else none: a full-text search on common words
    or a trigram search on common trigrams can take far longer at a million
    claims, and the embedding candidates are there anyway. The time limit is the
    transaction's own (``set_config(..., true)``) and put back after."""
    try:
        with transaction.atomic(using=using):
            with connections[using].cursor() as cursor:
                cursor.execute("SHOW statement_timeout")
                previous = cursor.fetchone()[0]
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, true)",
                    [f"{settings.CLAIMDESK_MATCH_LEXICAL_MS}ms"],
                )
            rows = query()
            with connections[using].cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, true)", [previous]
                )
            return rows
    except DatabaseError:  # cancelled, or refused: no candidates from the words
        logger.info("Lexical candidates skipped for a query", exc_info=True)
        return []


def _trigram_candidates(text: str, using: str, limit: int) -> list[int]:
    """pg_trgm's ``%`` through the GIN index on statements (migration
    matching 0002), most similar first."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT id FROM claims_claim WHERE statement %% %s AND NOT is_archived "
            "ORDER BY similarity(statement, %s) DESC LIMIT %s",
            [text[:2000], text[:2000], limit],
        )
        return [row[0] for row in cursor.fetchall()]


def _estimated_claims(using: str) -> int:
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE relname = 'claims_claim'"
        )
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] and row[0] > 0 else 0
