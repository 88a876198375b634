"""``manage.py generate_synthetic --claims N``: fill the database with synthetic claims.

For load tests and benchmarks (``python -m benchmarks run``): see ``claims.synthetic``
for what is made and how. Deterministic for a seed on an empty database. Prints the
elapsed time of each phase and a checksum of the generated content.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.synthetic import generate


def _positive(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise CommandError(f"Expected a whole number, got “{text[:20]}”.") from None
    if value < 1:
        raise CommandError(f"Expected a number of at least 1, got {value}.")
    return value


class Command(BaseCommand):
    help = (
        "Add N synthetic claims with claimants, aliases, outlets, documents, "
        "appearances, dates, tags, evidence, verdicts, review events and history. "
        "COPY on PostgreSQL, executemany elsewhere; one transaction."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--claims", required=True, help="how many claims")
        parser.add_argument("--seed", default="1", help="random seed (default 1)")
        parser.add_argument(
            "--batch", default="10000", help="claims per batch (default 10000)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        claims = _positive(options["claims"])
        try:
            seed = int(options["seed"])
        except ValueError:
            raise CommandError(
                f"Expected a whole number as the seed, got “{options['seed'][:20]}”."
            ) from None
        batch = _positive(options["batch"])
        try:
            report = generate(
                claims=claims, seed=seed, batch=batch, progress=self.stdout.write
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        total = sum(seconds for _name, seconds in report.phases)
        for table, count in sorted(report.counts.items()):
            self.stdout.write(f"  {table:<28} {count:>12,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {claims:,} claims in {total:.1f} s "
                f"(first id {report.first_claim_id}, checksum {report.checksum})."
            )
        )
