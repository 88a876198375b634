"""Keeping our own copy of what evidence points at (see ``claims.capture``).

``evidence_capture`` is the one writer: it fetches, stores the WARC file through
Django's default storage and records the outcome on the evidence item. It is what a
job queue would call. Until there is one, ``evidence_capture_schedule`` runs it once
the transaction that added the evidence commits, in a background thread (or inline,
``CLAIMDESK_CAPTURE_IN_BACKGROUND = False``), and ``manage.py capture_evidence`` picks
up whatever is left.
"""

from __future__ import annotations

import logging
import threading
from functools import partial

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connections, transaction
from django.utils import timezone

from ..capture import CaptureError, fetch
from ..models import CaptureStatus, Evidence

logger = logging.getLogger(__name__)


def evidence_capture(*, evidence: Evidence) -> Evidence:
    """Fetch ``evidence.url`` and record the outcome on the item: ``ok`` with the
    WARC file, the SHA-256 of the response body and the retrieval time, or
    ``failed`` with a short reason. A failed fetch never raises; calling it again
    retries and replaces the previous outcome. If the URL changed while fetching, the
    copy is discarded and nothing is recorded (the new URL has its own capture)."""
    url = evidence.url
    if not url:
        raise ValueError("Evidence without a URL has nothing to capture.")
    try:
        capture = fetch(url)
    except CaptureError as exc:
        return _record(
            evidence,
            url,
            capture_status=CaptureStatus.FAILED,
            capture_error=str(exc)[:300],
            captured_at=timezone.now(),
        )
    field = Evidence._meta.get_field("capture_file")
    stamp = f"{capture.retrieved_at:%Y%m%dT%H%M%S}"
    name = field.generate_filename(  # type: ignore[attr-defined]
        evidence, f"evidence-{evidence.pk}-{stamp}.warc.gz"
    )
    try:
        stored = field.storage.save(name, ContentFile(capture.warc))  # type: ignore[attr-defined]
    except OSError:
        logger.exception("Could not store the capture of evidence %s", evidence.pk)
        return _record(
            evidence,
            url,
            capture_status=CaptureStatus.FAILED,
            capture_error="Fetched, but the copy could not be stored.",
            captured_at=timezone.now(),
        )
    recorded = _record(
        evidence,
        url,
        capture_status=CaptureStatus.OK,
        capture_file=stored,
        capture_sha256=capture.sha256,
        captured_at=capture.retrieved_at,
        capture_error="",
    )
    if recorded.capture_file.name != stored:  # the URL changed meanwhile
        field.storage.delete(stored)  # type: ignore[attr-defined]
    return recorded


def _record(evidence: Evidence, url: str, **fields: object) -> Evidence:
    """Write only the capture fields, and only if the URL is still the one fetched:
    an editor may have saved the item meanwhile."""
    if fields.get("capture_status") != CaptureStatus.OK:
        fields.setdefault("capture_file", "")
        fields.setdefault("capture_sha256", "")
    if Evidence.objects.filter(pk=evidence.pk, url=url).update(**fields):
        for name, value in fields.items():
            setattr(evidence, name, value)
    return evidence


def evidence_capture_schedule(*, evidence: Evidence) -> None:
    """Mark ``evidence`` pending and capture it once the current transaction commits.

    Does nothing for evidence without a URL or when ``CLAIMDESK_CAPTURE_ON_ADD`` is
    off. Whatever goes wrong in the capture is logged and recorded on the item; it
    can never undo or fail the save that scheduled it.
    """
    if not evidence.url or not settings.CLAIMDESK_CAPTURE_ON_ADD:
        return
    Evidence.objects.filter(pk=evidence.pk).update(
        capture_status=CaptureStatus.PENDING, capture_error=""
    )
    evidence.capture_status = CaptureStatus.PENDING
    evidence.capture_error = ""
    transaction.on_commit(partial(_start, evidence.pk), robust=True)


def _start(pk: int) -> None:
    if settings.CLAIMDESK_CAPTURE_IN_BACKGROUND:
        # Not a daemon: a process that is shutting down waits for a capture in
        # flight (bounded by the timeout) rather than leaving it pending.
        threading.Thread(
            target=_capture_in_thread, args=(pk,), name=f"capture-evidence-{pk}"
        ).start()
    else:
        _capture_by_pk(pk)


def _capture_in_thread(pk: int) -> None:
    try:
        _capture_by_pk(pk)
    finally:
        connections.close_all()  # this thread's connections only


def _capture_by_pk(pk: int) -> None:
    try:
        evidence = Evidence.objects.filter(pk=pk).exclude(url="").first()
        if evidence is not None:
            evidence_capture(evidence=evidence)
    except Exception:
        logger.exception("Capturing evidence %s failed unexpectedly", pk)
        Evidence.objects.filter(pk=pk, capture_status=CaptureStatus.PENDING).update(
            capture_status=CaptureStatus.FAILED,
            capture_error="Internal error; see the server log.",
            captured_at=timezone.now(),
        )
