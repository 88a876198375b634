"""``manage.py embed_claims``: embed every claim whose vector is missing or stale."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from matching.services import claim_embeddings_refresh, matching_index_start


class Command(BaseCommand):
    help = (
        "Embed the claims whose stored vector is missing or was computed from other "
        "words (all of them the first time), reporting the rate. --job queues it "
        "for a worker instead (the matching.index job, with progress in the desk)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--job", action="store_true", help="queue it as a background job"
        )
        parser.add_argument(
            "--batch",
            type=int,
            default=64,
            help="claims embedded per call (default 64)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["job"]:
            job = matching_index_start()
            self.stdout.write(f"Queued job #{job.pk}.")  # type: ignore[attr-defined]
            return
        started = time.perf_counter()
        last = [started]

        def progress(scanned: int, embedded: int) -> None:
            now = time.perf_counter()
            if now - last[0] >= 10:
                last[0] = now
                rate = embedded / (now - started)
                self.stdout.write(
                    f"  {scanned} claims read, {embedded} embedded ({rate:.1f}/s)"
                )

        n = claim_embeddings_refresh(batch=max(1, options["batch"]), progress=progress)
        elapsed = time.perf_counter() - started
        rate = n / elapsed if elapsed else 0.0
        self.stdout.write(
            f"{n} claims embedded in {elapsed:.1f} s ({rate:.1f} claims/s)."
        )
