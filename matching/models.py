"""What the matcher keeps: one embedding per claim and model."""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from claims.models import Claim


def text_hash(text: str) -> str:
    """What a vector was computed from, to know when it is stale."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:16]


class ClaimEmbeddingQuerySet(models.QuerySet["ClaimEmbedding"]):
    def of_model(self, name: str) -> ClaimEmbeddingQuerySet:
        return self.filter(model=name)


class ClaimEmbedding(models.Model):
    """A claim's statement as a sentence embedding (``matching.embedding``).

    Rows are replaced, never updated (a new id each time), so the in-memory index
    (``matching.index``) catches up by reading the rows above the last id it saw.
    """

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="+", verbose_name=_("claim")
    )
    model = models.CharField(_("model"), max_length=100)
    text_hash = models.CharField(_("text hash"), max_length=16)
    #: int8 components; times ``scale`` they give the unit vector back
    vector = models.BinaryField(_("vector"))
    scale = models.FloatField(_("scale"))
    #: the sign of each component, packed: the index's first pass
    code = models.BinaryField(_("binary code"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ClaimEmbeddingQuerySet.as_manager()

    class Meta:
        verbose_name = _("claim embedding")
        verbose_name_plural = _("claim embeddings")
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "model"], name="matching_one_embedding_per_model"
            )
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} ({self.model})"
