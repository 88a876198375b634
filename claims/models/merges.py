"""Merges: a duplicate claim or source folded into the one that survives.

The merged row is not deleted: it is archived, keeps what could not move (its
review events, which are append-only; its corrections; a quote or date the
survivor already had) and points, through its merge record, at the survivor. Its
public URL answers 301 towards the survivor (``ClaimMergeQuerySet.survivor_of``).
Written by ``claims.services.merge`` alone.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .claims import Claim
from .history import RecordedQuerySet, recorded
from .review import Correction
from .sources import Source

#: How many merges a redirect follows (A into B, B into C...) before giving up.
MAX_CHAIN = 20


class ClaimMergeQuerySet(RecordedQuerySet["ClaimMerge"]):
    def survivor_of(self, claim_id: int) -> Claim | None:
        """Where claim ``claim_id``'s merges lead: the last survivor of the chain
        (A merged into B, B later into C: C), or None if it was never merged."""
        current, seen = claim_id, {claim_id}
        for _step in range(MAX_CHAIN):
            into = (
                self.filter(merged_id=current).values_list("into_id", flat=True).first()
            )
            if into is None or into in seen:
                break
            current = into
            seen.add(into)
        if current == claim_id:
            return None
        return Claim.objects.filter(pk=current).first()

    def of_claim(self, claim: Claim) -> tuple[ClaimMerge | None, bool]:
        """In one query, what the claim page shows first: the merge that folded
        ``claim`` into another (with that claim and who merged it), if any, and
        whether any claim was merged into ``claim``."""
        rows = list(
            self.filter(models.Q(merged=claim) | models.Q(into=claim))
            .select_related("into", "merged_by")
            .order_by(
                models.Case(
                    models.When(merged=claim, then=0),
                    default=1,
                    output_field=models.IntegerField(),
                )
            )[:2]
        )
        record = next((r for r in rows if r.merged_id == claim.pk), None)
        return record, any(r.into_id == claim.pk for r in rows)

    def merged_into(self, claim: Claim) -> list[int]:
        """The ids of every claim merged into ``claim``, directly or through a
        claim that was itself merged into it, nearest first."""
        found: list[int] = []
        frontier = [claim.pk]
        for _step in range(MAX_CHAIN):
            ids = list(
                self.filter(into_id__in=frontier)
                .exclude(merged_id__in=[claim.pk, *found])
                .values_list("merged_id", flat=True)
            )
            if not ids:
                break
            found += ids
            frontier = ids
        return found


class ClaimMerge(models.Model):
    """Claim ``merged`` was folded into ``into``: who, when, why, and what moved."""

    merged = models.OneToOneField(
        Claim,
        on_delete=models.CASCADE,
        related_name="merge",
        verbose_name=_("merged claim"),
    )
    into = models.ForeignKey(
        Claim,
        on_delete=models.SET_NULL,
        null=True,
        related_name="merges_received",
        verbose_name=_("merged into"),
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("merged by"),
    )
    merged_at = models.DateTimeField(_("merged at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    #: whether the merged claim had a public page: only then does its URL redirect
    was_public = models.BooleanField(_("had a public page"), default=False)
    #: the public correction of the survivor that announced the merge, if any
    correction = models.ForeignKey(
        Correction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    #: {"moved": {"appearances": [ids]...}, "kept": {...}, "tags_added": [ids]}
    rows = models.JSONField(_("what moved"), default=dict, blank=True)

    objects = ClaimMergeQuerySet.as_manager()
    history = recorded()

    class Meta:
        ordering = ["-merged_at", "-pk"]
        verbose_name = _("claim merge")
        verbose_name_plural = _("claim merges")

    def __str__(self) -> str:
        return f"#{self.merged_id} → #{self.into_id}"

    def moved_count(self) -> int:
        moved: dict[str, Any] = self.rows.get("moved", {})
        return sum(len(v) for v in moved.values())


class SourceMergeQuerySet(RecordedQuerySet["SourceMerge"]):
    def survivor_of_slug(self, slug: str) -> Source | None:
        """Where the merged source once at ``/sources/<slug>/`` leads: the last
        survivor of its chain of merges, or None."""
        merged = Source.objects.filter(slug=slug).values_list("pk", flat=True).first()
        if merged is None:
            return None
        current, seen = merged, {merged}
        for _step in range(MAX_CHAIN):
            into = (
                self.filter(merged_id=current).values_list("into_id", flat=True).first()
            )
            if into is None or into in seen:
                break
            current = into
            seen.add(into)
        if current == merged:
            return None
        return Source.objects.filter(pk=current).first()


class SourceMerge(models.Model):
    """Source ``merged`` (a duplicate: "Jokowi", "liputan6.com") was folded into
    ``into``; its name became one of ``into``'s aliases."""

    merged = models.OneToOneField(
        Source,
        on_delete=models.CASCADE,
        related_name="merge",
        verbose_name=_("merged source"),
    )
    into = models.ForeignKey(
        Source,
        on_delete=models.SET_NULL,
        null=True,
        related_name="merges_received",
        verbose_name=_("merged into"),
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("merged by"),
    )
    merged_at = models.DateTimeField(_("merged at"), default=timezone.now)
    #: {"moved": {"claims": [ids], "documents": [...], ...}, "kept": {...}}
    rows = models.JSONField(_("what moved"), default=dict, blank=True)

    objects = SourceMergeQuerySet.as_manager()
    history = recorded()

    class Meta:
        ordering = ["-merged_at", "-pk"]
        verbose_name = _("source merge")
        verbose_name_plural = _("source merges")

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.into_id}"
