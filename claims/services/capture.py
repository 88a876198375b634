"""Keeping our own copy of what evidence and documents point at (``claims.capture``).

``evidence_capture`` and ``document_capture`` are the writers: each fetches the URL,
stores the WARC file through Django's default storage and records the outcome on the
row. They are what a job queue would call. Until there is one, the ``*_schedule``
functions run them once the transaction that added the row commits, in a background
thread (or inline, ``CLAIMDESK_CAPTURE_IN_BACKGROUND = False``), and
``manage.py capture_evidence`` picks up whatever is left.
"""

from __future__ import annotations

import logging
import threading
from functools import partial
from typing import TypeVar, cast

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connections, transaction
from django.db.models import FileField
from django.utils import timezone

from ..capture import CaptureError, fetch
from ..models import (
    Captured,
    CaptureStatus,
    Claim,
    ClaimQuerySet,
    Document,
    Evidence,
)
from ..pages import claims_showing_document

logger = logging.getLogger(__name__)

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
    transaction.on_commit(partial(_start, row._meta.label, row.pk), robust=True)


def _start(label: str, pk: int) -> None:
    if settings.CLAIMDESK_CAPTURE_IN_BACKGROUND:
        # Not a daemon: a process that is shutting down waits for a capture in
        # flight (bounded by the timeout) rather than leaving it pending.
        threading.Thread(
            target=_capture_in_thread,
            args=(label, pk),
            name=f"capture-{label}-{pk}",
        ).start()
    else:
        _capture_by_pk(label, pk)


def _capture_in_thread(label: str, pk: int) -> None:
    try:
        _capture_by_pk(label, pk)
    finally:
        connections.close_all()  # this thread's connections only


def _capture_by_pk(label: str, pk: int) -> None:
    manager = apps.get_model(label)._default_manager
    try:
        row = manager.filter(pk=pk).exclude(url="").first()
        if row is not None:
            _capture(row)
    except Exception:
        logger.exception("Capturing %s %s failed unexpectedly", label, pk)
        manager.filter(pk=pk, capture_status=CaptureStatus.PENDING).update(
            capture_status=CaptureStatus.FAILED,
            capture_error="Internal error; see the server log.",
            captured_at=timezone.now(),
        )
