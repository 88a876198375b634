"""Documents: the articles, transcripts and posts that claims are quoted from."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .base import language_field
from .captures import Captured, CaptureStatus
from .history import RecordedQuerySet, recorded
from .sources import Source


class DocumentQuerySet(RecordedQuerySet["Document"]):
    def active(self) -> DocumentQuerySet:
        return self.filter(is_archived=False)

    def with_appearance_count(self) -> DocumentQuerySet:
        return self.annotate(appearance_count=Count("appearances"))

    def with_public_capture(self) -> DocumentQuerySet:
        """Captured copies the public may download: documents quoted by at least one
        published claim (as the claim page lists them), not archived, whose capture
        succeeded."""
        from .claims import Appearance, Claim

        quoted = Appearance.objects.filter(
            document=models.OuterRef("pk"), claim__in=Claim.objects.published()
        )
        return (
            self.active()
            .filter(models.Exists(quoted), capture_status=CaptureStatus.OK)
            .exclude(capture_file="")
        )

    def needing_capture(self, *, retry_failed: bool = False) -> DocumentQuerySet:
        """As ``EvidenceQuerySet.needing_capture``, for documents."""
        statuses = ["", CaptureStatus.PENDING]
        if retry_failed:
            statuses.append(CaptureStatus.FAILED)
        return self.active().exclude(url="").filter(capture_status__in=statuses)


class Document(Captured, models.Model):
    """One article, transcript or post whose text claims are quoted from."""

    url = models.URLField(_("URL"), max_length=2000, blank=True)
    title = models.CharField(_("title"), max_length=500)
    publisher = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("publisher"),
    )
    authors = models.CharField(
        _("authors"), max_length=500, blank=True, help_text=_("Comma-separated.")
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    language = language_field()
    text = models.TextField(
        _("full text"),
        help_text=_("Cannot change once claims quote it."),
    )
    text_sha256 = models.CharField(
        _("SHA-256 of the text"), max_length=64, editable=False
    )
    retrieved_at = models.DateTimeField(_("retrieved at"), null=True, blank=True)
    archive_url = models.URLField(_("archive URL"), max_length=2000, blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DocumentQuerySet.as_manager()
    history = recorded()

    class Meta:
        ordering = ["-published_on", "-created_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [models.Index(fields=["text_sha256"], name="document_sha_idx")]
        constraints = [
            # A capture that counts as made has its file, hash and time.
            models.CheckConstraint(
                condition=~Q(capture_status=CaptureStatus.OK)
                | (
                    ~Q(capture_file="")
                    & ~Q(capture_sha256="")
                    & Q(captured_at__isnull=False)
                ),
                name="document_capture_ok_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def hash_text(text: str) -> str:
        """The SHA-256 of ``text`` (UTF-8) as stored in ``text_sha256``: the one
        place it is computed, so that the importer's output, the stored row and a
        lookup by hash always agree."""
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def clean(self) -> None:
        super().clean()
        if self.pk and self.appearances.exists():
            stored = Document.objects.filter(pk=self.pk).values_list("text", flat=True)
            if stored and stored[0] != self.text:
                raise ValidationError(
                    {
                        "text": _(
                            "The text cannot change: claims quote it at fixed places."
                        )
                    }
                )
