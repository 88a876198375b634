"""Score claim extraction against gold files: recall, precision, claimants, dates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ingest.evaluation import TARGETS, Score, evaluate_file
from ingest.reading import InputError


class Command(BaseCommand):
    help = (
        "Run the import pipeline on the article named by each GOLD.json and print "
        "recall, precision, claimant accuracy, date accuracy and boilerplate "
        "candidates, per file and overall."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold", nargs="+", help="gold files (*.gold.json)")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument(
            "--verbose-errors",
            action="store_true",
            help="list missed claims, wrong claimants and wrong dates",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="exit with an error when the overall figures miss the targets",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scores: list[Score] = []
        for name in options["gold"]:
            path = Path(name)
            if not path.exists():
                raise CommandError(f"No such gold file: {name}")
            try:
                score, _analysis = evaluate_file(path)
            except (ValueError, KeyError, TypeError, InputError) as exc:
                raise CommandError(f"{name}: {exc}") from exc
            scores.append(score)
        total = Score("overall")
        for score in scores:
            total.add(score)
        if options["json"]:
            data = {s.name: s.figures() for s in [*scores, total]}
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            self._table([*scores, total], options["verbose_errors"])
        if options["check"] and total.failures():
            raise CommandError("Targets missed: " + "; ".join(total.failures()))

    def _table(self, scores: list[Score], verbose: bool) -> None:
        header = (
            f"{'file':<60} {'recall':>7} {'prec.':>7} {'claim.':>7} "
            f"{'dates':>7} {'roles':>7} {'boiler.':>7} {'sug.P':>7} {'sug.R':>7}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for s in scores:
            self.stdout.write(
                f"{s.name[:60]:<60} {s.recall:>7.2f} {s.precision:>7.2f} "
                f"{s.claimant_accuracy:>7.2f} {s.date_accuracy:>7.2f} "
                f"{s.role_accuracy:>7.2f} {len(s.boilerplate_candidates):>7d} "
                f"{s.suggested_precision:>7.2f} {s.suggested_recall:>7.2f}"
            )
            if verbose and s.name != "overall":
                for label, items in (
                    ("missed", s.missed),
                    ("not in gold", s.unmatched),
                    ("claimant", s.wrong_claimants),
                    ("date", s.wrong_dates),
                    ("suggested, not checkable gold", s.wrongly_suggested),
                    ("gold, not suggested", s.not_suggested),
                    ("boilerplate", s.boilerplate_candidates),
                ):
                    for item in items:
                        self.stdout.write(f"    {label}: {item}")
        self.stdout.write(
            "targets: "
            + ", ".join(f"{k} >= {v}" for k, v in TARGETS.items())
            + ", 0 boilerplate candidates\n"
            "prec. = candidates that are a gold quote; sug.P/sug.R = precision and "
            "recall of the pre-ticked (suggested) candidates against checkable gold"
        )
