"""Our own copy of a web page that a record points at: where it is stored, its hash,
when it was fetched, or why it could not be.

An abstract model, so that any row with a URL (evidence now, documents later) can carry
a capture; ``claims.capture`` fetches, ``claims.services.capture`` records.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaptureStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    OK = "ok", _("captured")
    FAILED = "failed", _("failed")


class Captured(models.Model):
    """The capture fields; blank ``capture_status`` means no capture was asked for."""

    capture_status = models.CharField(
        _("capture"),
        max_length=10,
        choices=CaptureStatus.choices,
        blank=True,
        editable=False,
    )
    capture_file = models.FileField(
        _("captured copy (WARC)"),
        upload_to="captures/%Y/%m/",
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("The request and the response, as a gzipped WARC file."),
    )
    capture_sha256 = models.CharField(
        _("SHA-256 of the captured page"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_(
            "Of the response body exactly as the server sent it; the WARC file "
            "repeats it as its payload digest."
        ),
    )
    captured_at = models.DateTimeField(
        _("captured at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the page was fetched, or when the attempt failed."),
    )
    capture_error = models.CharField(
        _("capture error"), max_length=300, blank=True, editable=False
    )

    class Meta:
        abstract = True

    @property
    def has_capture(self) -> bool:
        return self.capture_status == CaptureStatus.OK and bool(self.capture_file)
