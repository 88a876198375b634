"""``manage.py capture_evidence``: capture evidence URLs that have no capture yet.

Evidence added before captures existed, added while ``CLAIMDESK_CAPTURE_ON_ADD`` was
off, or left pending by a process that stopped mid-capture. ``--retry-failed`` also
tries those whose capture failed; ``--documents`` also captures documents' URLs. Runs
the captures one after another, inline, with the same checks and limits as a capture on
add (``claims.capture``).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from claims import services
from claims.models import Captured, CaptureStatus, Document, Evidence


class Command(BaseCommand):
    help = "Capture evidence URLs that have no capture yet (WARC files)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Also retry evidence whose capture failed.",
        )
        parser.add_argument(
            "--documents",
            action="store_true",
            help="Also capture documents' URLs (the pages claims are quoted from).",
        )
        parser.add_argument(
            "--limit", type=int, default=None, help="Capture at most this many."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        retry = options["retry_failed"]
        limit = None if options["limit"] is None else max(options["limit"], 0)
        rows: list[Captured] = list(
            Evidence.objects.needing_capture(retry_failed=retry).order_by("pk")[:limit]
        )
        if options["documents"]:
            rows += Document.objects.needing_capture(retry_failed=retry).order_by("pk")[
                :limit
            ]
        rows = rows[:limit]
        ok = failed = 0
        for row in rows:
            if isinstance(row, Evidence):
                row = services.evidence_capture(evidence=row)
            elif isinstance(row, Document):
                row = services.document_capture(document=row)
            label = f"{row._meta.verbose_name} #{row.pk} {getattr(row, 'url', '')}"
            if row.capture_status == CaptureStatus.OK:
                ok += 1
                self.stdout.write(f"{label}: captured")
            else:
                failed += 1
                self.stdout.write(f"{label}: failed: {row.capture_error}")
        self.stdout.write(
            self.style.SUCCESS(f"{ok} captured, {failed} failed.")
            if not failed
            else self.style.WARNING(f"{ok} captured, {failed} failed.")
        )
