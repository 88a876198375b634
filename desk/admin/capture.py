"""What the desk sees of evidence captures: the outcome on each evidence item, a
download of the captured copy for anyone who may view the claim (whatever its state),
and the formset that asks for a capture when a URL is added or changed."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from claims.capture import download_response
from claims.models import CaptureStatus, Document, Evidence

DOWNLOAD_URL_NAME = "claims_claim_evidence_capture"


class EvidenceCaptureAdminMixin:
    """Adds ``<claim>/evidence/<evidence>/capture.warc.gz`` to the claim admin: the
    captured WARC file as a download, for anyone who may view the claim."""

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<path:object_id>/evidence/<int:evidence_id>/capture.warc.gz",
                self.admin_site.admin_view(self.evidence_capture_view),  # type: ignore[attr-defined]
                name=DOWNLOAD_URL_NAME,
            ),
            *super().get_urls(),  # type: ignore[misc]
        ]

    def evidence_capture_view(
        self, request: HttpRequest, object_id: str, evidence_id: int
    ) -> FileResponse:
        if not object_id.isdecimal():
            raise Http404
        claim = get_object_or_404(self.get_queryset(request), pk=object_id)  # type: ignore[attr-defined]
        if not self.has_view_permission(request, claim):  # type: ignore[attr-defined]
            raise PermissionDenied
        evidence = get_object_or_404(
            Evidence.objects.filter(claim=claim, capture_status=CaptureStatus.OK),
            pk=evidence_id,
        )
        return download_response(
            evidence.capture_file, filename=f"evidence-{evidence.pk}-capture.warc.gz"
        )


def capture_summary(obj: Evidence | Document) -> SafeString | str:
    """Status, time, hash and (for a failure) the reason; for evidence, a link to
    download the copy."""
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
    summary = format_html(
        '<span class="cd-capture cd-capture--ok">{} {} · SHA-256 <code>{}</code>'
        "</span>",
        _("Captured"),
        when,
        obj.capture_sha256,
    )
    if not isinstance(obj, Evidence):
        return summary
    return format_html(
        '{} · <a href="{}" download>{}</a>',
        summary,
        reverse(f"admin:{DOWNLOAD_URL_NAME}", args=[obj.claim_id, obj.pk]),
        _("download (WARC file)"),
    )
