"""``manage.py capture_evidence``: capture evidence URLs that have no capture yet.

Evidence added before captures existed, added while ``CLAIMDESK_CAPTURE_ON_ADD`` was
off, or left pending by a process that stopped mid-capture. ``--retry-failed`` also
tries those whose capture failed. Runs the captures one after another, inline, with the
same checks and limits as a capture on add (``claims.capture``).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from claims import services
from claims.models import CaptureStatus, Evidence


class Command(BaseCommand):
    help = "Capture evidence URLs that have no capture yet (WARC files)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Also retry evidence whose capture failed.",
        )
        parser.add_argument(
            "--limit", type=int, default=None, help="Capture at most this many."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        pending = Evidence.objects.needing_capture(
            retry_failed=options["retry_failed"]
        ).order_by("pk")
        if options["limit"] is not None:
            pending = pending[: max(options["limit"], 0)]
        ok = failed = 0
        for evidence in pending.iterator():
            evidence = services.evidence_capture(evidence=evidence)
            if evidence.capture_status == CaptureStatus.OK:
                ok += 1
                self.stdout.write(f"#{evidence.pk} {evidence.url}: captured")
            else:
                failed += 1
                self.stdout.write(
                    f"#{evidence.pk} {evidence.url}: failed: {evidence.capture_error}"
                )
        self.stdout.write(
            self.style.SUCCESS(f"{ok} captured, {failed} failed.")
            if not failed
            else self.style.WARNING(f"{ok} captured, {failed} failed.")
        )
