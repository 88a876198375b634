"""``manage.py import_claimreview PATH... [--dry-run] [--json]``."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from interop.importer import import_paths


class Command(BaseCommand):
    help = (
        "Import other fact-checkers' ClaimReview (JSON or HTML files, or directories "
        "of them) as new claims, each with the external verdict beside it. "
        "Re-importing the same review updates it. One report line per item."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and check everything, report, and keep nothing.",
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the report as JSON."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        lines = import_paths(options["paths"], dry_run=options["dry_run"])
        counts = Counter(line.outcome for line in lines)
        if options["json"]:
            report = {
                "dry_run": options["dry_run"],
                "counts": dict(counts),
                "items": [line.as_dict() for line in lines],
            }
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        for line in lines:
            where = f"{line.file} #{line.item}" if line.item else line.file
            detail = line.reason or (
                f"claim {line.claim_id} {line.rating or 'unrated'}"
            )
            self.stdout.write(f"{line.outcome:<9} {where} {line.path}: {detail}")
        summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items()))
        prefix = "Dry run, nothing kept: " if options["dry_run"] else ""
        self.stdout.write(f"{prefix}{summary or 'nothing found'}.")
