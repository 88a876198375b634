"""The task a capture or an edit queues: embed those claims now."""

from __future__ import annotations

from django_tasks import task

from .services import claim_embeddings_refresh


@task()
def embed_claims(claim_ids: list[int]) -> int:
    return claim_embeddings_refresh(claim_ids=claim_ids)
