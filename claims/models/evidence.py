"""What a verdict rests on (evidence) and the team's notes on a claim."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .captures import Captured, CaptureStatus
from .claims import Claim
from .documents import Document
from .history import RecordedQuerySet, recorded
from .sources import Source


class EvidenceQuerySet(RecordedQuerySet["Evidence"]):
    def active(self) -> EvidenceQuerySet:
        return self.filter(is_archived=False)

    def with_public_capture(self) -> EvidenceQuerySet:
        """Captured copies the public may download: active evidence of published
        claims (not retracted, not archived) whose capture succeeded."""
        return (
            self.active()
            .filter(
                claim__in=Claim.objects.published(), capture_status=CaptureStatus.OK
            )
            .exclude(capture_file="")
        )

    def needing_capture(self, *, retry_failed: bool = False) -> EvidenceQuerySet:
        """Active evidence with a URL and no capture: never asked for, or left
        pending (a capture that a restart interrupted); with ``retry_failed`` also
        those whose capture failed."""
        statuses = ["", CaptureStatus.PENDING]
        if retry_failed:
            statuses.append(CaptureStatus.FAILED)
        return self.active().exclude(url="").filter(capture_status__in=statuses)


class Evidence(Captured, models.Model):
    class Stance(models.TextChoices):
        SUPPORTS = "supports", _("supports")
        REFUTES = "refutes", _("refutes")
        CONTEXT = "context", _("context")

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    document = models.ForeignKey(
        Document,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence",
    )
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence"
    )
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices)
    excerpt = models.TextField(_("excerpt"), blank=True)
    accessed_on = models.DateField(_("accessed on"), null=True, blank=True)
    archive_url = models.URLField(_("archive URL"), max_length=2000, blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now, editable=False)

    objects = EvidenceQuerySet.as_manager()
    history = recorded()

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="")
                | Q(document__isnull=False)
                | Q(source__isnull=False),
                name="evidence_has_target",
            ),
            # A capture that counts as made has its file, hash and time.
            models.CheckConstraint(
                condition=~Q(capture_status=CaptureStatus.OK)
                | (
                    ~Q(capture_file="")
                    & ~Q(capture_sha256="")
                    & Q(captured_at__isnull=False)
                ),
                name="evidence_capture_ok_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.url or str(self.document or self.source or "")

    @property
    def public_document(self) -> Document | None:
        """The document as readers see it: none once it is archived."""
        document = self.document
        return None if document is None or document.is_archived else document

    def clean(self) -> None:
        super().clean()
        if not self.url and not self.document_id and not self.source_id:
            # Keyed to the URL field: the message shows next to it, and the
            # evidence_has_target constraint is not reported a second time in
            # database terms ("Constraint … is violated").
            raise ValidationError(
                {"url": _("Evidence needs a URL, a document or a source (or several).")}
            )


class NoteQuerySet(RecordedQuerySet["Note"]):
    def active(self) -> NoteQuerySet:
        return self.filter(is_archived=False)

    def public(self) -> NoteQuerySet:
        """Notes readers see on the published fact-check: public, not archived."""
        return self.filter(is_public=True, is_archived=False)


class Note(models.Model):
    """A fact-checker's annotation; public notes form the published write-up."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="notes")
    body = models.TextField(_("note"), help_text=_("Markdown."))
    is_public = models.BooleanField(
        _("public"), default=False, help_text=_("Shown on the published fact-check.")
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(
        _("created at"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = NoteQuerySet.as_manager()
    history = recorded()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return self.body[:60]

    def clean(self) -> None:
        super().clean()
        if not (self.body or "").strip():
            raise ValidationError({"body": _("A note cannot be empty.")})
