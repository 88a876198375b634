"""Keeping our own copy of what evidence and documents point at (``claims.capture``).

``evidence_capture`` and ``document_capture`` are the writers: each fetches the URL,
stores the WARC file through Django's default storage and records the outcome on the
row. The ``*_schedule`` functions start a ``claims.capture`` job, which a worker runs
once the transaction that added the row commits (or capture inline after the commit,
``CLAIMDESK_CAPTURE_IN_BACKGROUND = False``), and ``manage.py capture_evidence``
picks up whatever is left.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TypeVar, cast

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import FileField
from django.utils import timezone
from django.utils.translation import gettext as _

from ..capture import CaptureError, fetch
from ..models import (
    Captured,
    CaptureStatus,
    Claim,
    ClaimQuerySet,
    Document,
    Evidence,
)
from ..models.history import acting_user
from ..pages import claims_showing_document
from .jobs import JobRun, job_handler, job_start

logger = logging.getLogger(__name__)

KIND = "claims.capture"

C = TypeVar("C", bound=Captured)


def evidence_capture(*, evidence: Evidence) -> Evidence:
    """Fetch ``evidence.url`` and record the outcome on the item: ``ok`` with the
    WARC file, the SHA-256 of the response body and the retrieval time, or
    ``failed`` with a short reason. A failed fetch never raises; calling it again
    retries and replaces the previous outcome. If the URL changed while fetching, the
    copy is discarded and nothing is recorded (the new URL has its own capture)."""
    return _capture(evidence)


def document_capture(*, document: Document) -> Document:
    """``evidence_capture`` for a document's URL (the page a claim was quoted from)."""
    return _capture(document)


def _capture(row: C) -> C:
    url: str = getattr(row, "url", "")
    if not url:
        raise ValueError("A row without a URL has nothing to capture.")
    try:
        capture = fetch(url)
    except CaptureError as exc:
        return _record(
            row,
            url,
            capture_status=CaptureStatus.FAILED,
            capture_error=str(exc)[:300],
            captured_at=timezone.now(),
        )
    field = cast(FileField, type(row)._meta.get_field("capture_file"))
    stamp = f"{capture.retrieved_at:%Y%m%dT%H%M%S}"
    name = field.generate_filename(
        row, f"{type(row)._meta.model_name}-{row.pk}-{stamp}.warc.gz"
    )
    try:
        stored = field.storage.save(name, ContentFile(capture.warc))
    except OSError:
        logger.exception("Could not store the capture of %r", row)
        return _record(
            row,
            url,
            capture_status=CaptureStatus.FAILED,
            capture_error="Fetched, but the copy could not be stored.",
            captured_at=timezone.now(),
        )
    recorded = _record(
        row,
        url,
        capture_status=CaptureStatus.OK,
        capture_file=stored,
        capture_sha256=capture.sha256,
        captured_at=capture.retrieved_at,
        capture_error="",
    )
    if recorded.capture_file.name != stored:  # the URL changed meanwhile
        field.storage.delete(stored)
    return recorded


def _record(row: C, url: str, **fields: object) -> C:
    """Write only the capture fields, and only if the URL is still the one fetched:
    an editor may have saved the row meanwhile."""
    if fields.get("capture_status") != CaptureStatus.OK:
        fields.setdefault("capture_file", "")
        fields.setdefault("capture_sha256", "")
    if type(row)._default_manager.filter(pk=row.pk, url=url).update(**fields):
        for name, value in fields.items():
            setattr(row, name, value)
        _pages_showing(row).bump_page_version()  # the page links our copy
    return row


def _pages_showing(row: Captured) -> ClaimQuerySet:
    if isinstance(row, Evidence):
        return Claim.objects.filter(pk=row.claim_id)
    return claims_showing_document(cast(Document, row))


def evidence_capture_schedule(*, evidence: Evidence) -> None:
    """Mark ``evidence`` pending and capture it once the current transaction commits.

    Does nothing for evidence without a URL or when ``CLAIMDESK_CAPTURE_ON_ADD`` is
    off. Whatever goes wrong in the capture is logged and recorded on the item; it
    can never undo or fail the save that scheduled it.
    """
    _schedule(evidence)


def document_capture_schedule(*, document: Document) -> None:
    """``evidence_capture_schedule`` for a document."""
    _schedule(document)


def _schedule(row: Captured) -> None:
    if not getattr(row, "url", "") or not settings.CLAIMDESK_CAPTURE_ON_ADD:
        return
    type(row)._default_manager.filter(pk=row.pk).update(
        capture_status=CaptureStatus.PENDING, capture_error=""
    )
    row.capture_status = CaptureStatus.PENDING
    row.capture_error = ""
    if settings.CLAIMDESK_CAPTURE_IN_BACKGROUND:
        # A job, queued once the transaction commits: a worker fetches the page.
        job_start(
            kind=KIND,
            by=acting_user(),
            args={"model": row._meta.label, "pk": row.pk},
        )
    else:
        transaction.on_commit(
            partial(_capture_by_pk, row._meta.label, row.pk), robust=True
        )


@job_handler(KIND)
def _run_capture(run: JobRun) -> str:
    label, pk = run.args["model"], int(run.args["pk"])
    run.set_total(1)
    if run.has_done("capture"):
        return run.job.outcome
    row = _capture_by_pk(label, pk)
    run.advance()
    if row is None:
        return _("Nothing to capture: the item was deleted or has no URL.")
    if row.capture_status == CaptureStatus.OK:
        return _("Captured %(url)s.") % {"url": getattr(row, "url", "")}
    if row.capture_status == CaptureStatus.FAILED:
        raise CaptureFailed(row.capture_error or _("The capture failed."))
    return _("The URL changed while fetching; the new URL has its own capture.")


class CaptureFailed(Exception):
    """A capture that fetched nothing: the job fails, and may be retried."""


def _capture_by_pk(label: str, pk: int) -> Captured | None:
    manager = apps.get_model(label)._default_manager
    try:
        row = manager.filter(pk=pk).exclude(url="").first()
        if row is not None:
            return _capture(row)
    except Exception:
        logger.exception("Capturing %s %s failed unexpectedly", label, pk)
        manager.filter(pk=pk, capture_status=CaptureStatus.PENDING).update(
            capture_status=CaptureStatus.FAILED,
            capture_error="Internal error; see the server log.",
            captured_at=timezone.now(),
        )
        return manager.filter(pk=pk).first()
    return None
