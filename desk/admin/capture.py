"""What the desk sees of evidence captures: the outcome on each evidence item, and
the formset that asks for a capture when a URL is added or changed."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from claims import services
from claims.models import CaptureStatus, Evidence


def capture_summary(obj: Evidence) -> SafeString | str:
    """Status, time, hash and (for a failure) the reason, for the evidence inline."""
    if not obj.pk or not obj.capture_status:
        return "—" if not obj.url else _("not captured yet")
    when = (
        f"{timezone.localtime(obj.captured_at):%Y-%m-%d %H:%M}"
        if obj.captured_at
        else ""
    )
    if obj.capture_status == CaptureStatus.PENDING:
        return format_html(
            '<span class="cd-capture cd-capture--pending">{}</span>', _("pending")
        )
    if obj.capture_status == CaptureStatus.FAILED:
        return format_html(
            '<span class="cd-capture cd-capture--failed"><strong>{}</strong> {}: '
            "{}</span>",
            _("Capture failed"),
            when,
            obj.capture_error,
        )
    return format_html(
        '<span class="cd-capture cd-capture--ok">{} {} · SHA-256 <code>{}</code>'
        "</span>",
        _("Captured"),
        when,
        obj.capture_sha256,
    )


def with_capture(base: type) -> type:
    """``base`` (an inline formset class) that schedules a capture of each saved
    evidence item whose URL is new or changed; the capture runs after the commit and
    cannot fail the save."""

    class CapturingFormSet(base):  # type: ignore[valid-type,misc]
        def save_new(self, form: Any, commit: bool = True) -> Any:
            obj = super().save_new(form, commit)
            if commit:
                services.evidence_capture_schedule(evidence=obj)
            return obj

        def save_existing(self, form: Any, obj: Any, commit: bool = True) -> Any:
            obj = super().save_existing(form, obj, commit)
            if commit and "url" in form.changed_data:
                services.evidence_capture_schedule(evidence=obj)
            return obj

    CapturingFormSet.__name__ = f"Capturing{base.__name__}"
    return CapturingFormSet
