"""Fact-checks published by other organisations, read from their ClaimReview."""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .claims import Claim
from .history import RecordedQuerySet, recorded
from .ratings import Rating


class ExternalFactCheckQuerySet(RecordedQuerySet["ExternalFactCheck"]):
    def for_review(
        self, review_url: str, claim_reviewed: str
    ) -> ExternalFactCheckQuerySet:
        """The record of one review of one statement: the importer's identity."""
        return self.filter(key=ExternalFactCheck.make_key(review_url, claim_reviewed))


class ExternalFactCheck(models.Model):
    """Another fact-checker's verdict on a claim, as its ClaimReview gave it.

    The claim it hangs on was captured by the importer (``Claim.Origin.CLAIMREVIEW``,
    status ``new``): never public until the desk checks it itself. One record per
    (review URL, statement reviewed): importing the same review again updates it.
    """

    claim = models.ForeignKey(
        Claim,
        on_delete=models.CASCADE,
        related_name="external_fact_checks",
        verbose_name=_("claim"),
    )
    key = models.CharField(max_length=64, unique=True, editable=False)
    claim_reviewed = models.TextField(_("statement reviewed"))
    review_url = models.URLField(_("review URL"), max_length=2000)
    publisher_name = models.CharField(_("publisher"), max_length=200)
    publisher_url = models.URLField(_("publisher URL"), max_length=2000, blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    rating_label = models.CharField(_("their rating"), max_length=500, blank=True)
    rating_value = models.FloatField(_("rating value"), null=True, blank=True)
    best_rating = models.FloatField(_("best rating"), null=True, blank=True)
    worst_rating = models.FloatField(_("worst rating"), null=True, blank=True)
    rating = models.ForeignKey(
        Rating,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on our scale"),
        help_text=_("Their rating mapped onto our scale; empty when it has no match."),
    )
    language = models.CharField(_("language"), max_length=35, blank=True)
    #: where they saw the claim: [{"url", "headline", "datePublished", "publisher"}]
    appearances = models.JSONField(_("appearances"), default=list, blank=True)
    raw = models.JSONField(_("ClaimReview as received"))
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = ExternalFactCheckQuerySet.as_manager()
    history = recorded()

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = _("external fact-check")
        verbose_name_plural = _("external fact-checks")

    def __str__(self) -> str:
        return f"{self.publisher_name}: {self.rating_label or '–'}"

    @staticmethod
    def make_key(review_url: str, claim_reviewed: str) -> str:
        text = f"{review_url.strip()}\x1f{' '.join(claim_reviewed.split())}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ExternalIdQuerySet(RecordedQuerySet["ExternalId"]):
    def with_keys(self, keys: list[str]) -> ExternalIdQuerySet:
        """The records of ``keys`` (``liar:2635.json``…): the importer's identity."""
        return self.filter(key__in=keys)


class ExternalId(models.Model):
    """A claim's identity in a dataset it was imported from, and what the dataset
    said about it: ``liar:2635.json`` is row 2635.json of the LIAR dataset.

    ``key`` is unique: importing the same row again finds this record and never
    captures the claim twice. The claim (``Claim.Origin.DATASET``, status ``new``)
    is never public until the desk checks it itself; the dataset's verdict and the
    speaker's job, state and party as the row gave them stay here, beside it.
    """

    claim = models.ForeignKey(
        Claim,
        on_delete=models.CASCADE,
        related_name="external_ids",
        verbose_name=_("claim"),
    )
    key = models.CharField(
        _("external id"),
        max_length=200,
        unique=True,
        help_text=_("The dataset's name and the row's id, e.g. liar:2635.json."),
    )
    dataset = models.CharField(_("dataset"), max_length=50)
    rating_label = models.CharField(_("their rating"), max_length=100, blank=True)
    rating = models.ForeignKey(
        Rating,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on our scale"),
        help_text=_("Their rating mapped onto our scale; empty when it has no match."),
    )
    speaker_job = models.CharField(_("speaker's job"), max_length=300, blank=True)
    speaker_state = models.CharField(_("speaker's state"), max_length=100, blank=True)
    speaker_party = models.CharField(_("speaker's party"), max_length=100, blank=True)
    context = models.CharField(
        _("context"),
        max_length=500,
        blank=True,
        help_text=_("Where it was said: “a news conference”, “a tweet”."),
    )
    #: the row as read: {column: value}, the columns above included
    data = models.JSONField(_("row as received"), default=dict, blank=True)
    imported_at = models.DateTimeField(_("imported at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = ExternalIdQuerySet.as_manager()
    history = recorded()

    class Meta:
        ordering = ["key"]
        verbose_name = _("external id")
        verbose_name_plural = _("external ids")

    def __str__(self) -> str:
        return self.key
