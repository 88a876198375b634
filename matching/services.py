"""The matcher's writes: storing claims' vectors, and scheduling that work.

``claim_embeddings_refresh`` is the one writer of ``ClaimEmbedding``: it embeds the
claims whose stored vector is missing or was computed from other words, and
replaces their rows. It runs in a worker: the job ``matching.index`` (every claim,
``embed_claims`` or the admin), or the task ``matching.tasks.embed_claims`` that a
capture or an edit queues through ``claims.services``'s text listeners.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator

import numpy as np
from django.conf import settings
from django.db import transaction

from claims.models import Claim
from claims.services import job_start
from claims.services.claims import CLAIM_TEXT_LISTENERS

from .embedding import binary_code, embed, model_name, quantise
from .models import ClaimEmbedding, text_hash

logger = logging.getLogger(__name__)

#: claims read per round trip when looking for stale vectors
SCAN_CHUNK = 2000
#: a change to more claims than this re-indexes through a job (with progress)
#: instead of one task carrying their ids
TASK_MAX_IDS = 500


def _stale(claims: list[tuple[int, str]], using: str) -> list[tuple[int, str]]:
    stored = dict(
        ClaimEmbedding.objects.using(using)
        .filter(claim_id__in=[pk for pk, _ in claims], model=model_name())
        .values_list("claim_id", "text_hash")
    )
    return [(pk, text) for pk, text in claims if stored.get(pk) != text_hash(text)]


def _store(claims: list[tuple[int, str]], using: str) -> None:
    claim_embeddings_store(
        claims=claims, vectors=embed([text for _, text in claims]), using=using
    )


def claim_embeddings_store(
    *, claims: list[tuple[int, str]], vectors: np.ndarray, using: str = "default"
) -> None:
    """Store ``vectors`` (from ``matching.embedding.embed``) as the vectors of
    ``claims`` ((id, statement) pairs), replacing their rows in one transaction."""
    rows = []
    for (pk, text), vector in zip(claims, vectors, strict=True):
        data, scale = quantise(vector)
        rows.append(
            ClaimEmbedding(
                claim_id=pk,
                model=model_name(),
                text_hash=text_hash(text),
                vector=data,
                scale=scale,
                code=binary_code(vector),
            )
        )
    with transaction.atomic(using=using):
        ClaimEmbedding.objects.using(using).filter(
            claim_id__in=[pk for pk, _ in claims], model=model_name()
        ).delete()
        ClaimEmbedding.objects.using(using).bulk_create(rows)


def claim_embeddings_refresh(
    *,
    claim_ids: Iterable[int] | None = None,
    after: int = 0,
    until: int | None = None,
    batch: int = 64,
    progress: Callable[[int, int], None] | None = None,
    using: str = "default",
) -> int:
    """Embed the claims (all, or ``claim_ids``, or those with ``after < id <=
    until``) whose vector is missing or stale, and store them; return how many.

    Claims are read ``SCAN_CHUNK`` at a time in id order and embedded ``batch`` at a
    time, each batch written in its own transaction (an interrupted run keeps what
    it finished and the next one skips it). ``progress(scanned, embedded)`` is
    called after each chunk. Idempotent: a second run embeds nothing.
    """
    embedded = scanned = 0
    for chunk in _chunks(claim_ids, after, until, using):
        stale = _stale(chunk, using)
        for start in range(0, len(stale), batch):
            part = stale[start : start + batch]
            _store(part, using)
            embedded += len(part)
        scanned += len(chunk)
        if progress:
            progress(scanned, embedded)
    return embedded


def _chunks(
    claim_ids: Iterable[int] | None, after: int, until: int | None, using: str
) -> Iterator[list[tuple[int, str]]]:
    claims = Claim.objects.using(using).order_by("pk")
    if claim_ids is not None:
        ids = sorted(set(claim_ids))
        for start in range(0, len(ids), SCAN_CHUNK):
            yield list(
                claims.filter(pk__in=ids[start : start + SCAN_CHUNK]).values_list(
                    "pk", "statement"
                )
            )
        return
    if until is not None:
        claims = claims.filter(pk__lte=until)
    last = after
    while True:
        chunk = list(
            claims.filter(pk__gt=last).values_list("pk", "statement")[:SCAN_CHUNK]
        )
        if not chunk:
            return
        yield chunk
        last = chunk[-1][0]


def matching_index_start(*, by: object | None = None) -> object:
    """Queue the job that embeds every claim whose vector is missing or stale."""
    from .jobs import KIND

    return job_start(kind=KIND, by=by, args={})  # type: ignore[arg-type]


def claims_text_changed(ids: list[int]) -> None:
    """The listener ``claims.services`` calls after a capture or edit commits:
    queue their re-embedding (a few ids as one task, many as the index job).
    Never raises: a queue that is down must not undo a save."""
    if not settings.CLAIMDESK_MATCH_EMBED_ON_SAVE or not ids:
        return
    try:
        if len(ids) > TASK_MAX_IDS:
            matching_index_start()
        else:
            from .tasks import embed_claims

            embed_claims.enqueue(list(ids))
    except Exception:
        logger.exception("Could not queue the re-embedding of %d claims", len(ids))


def hook_register() -> None:
    if claims_text_changed not in CLAIM_TEXT_LISTENERS:
        CLAIM_TEXT_LISTENERS.append(claims_text_changed)
