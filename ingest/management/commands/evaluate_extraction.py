"""Score claim extraction against gold files: recall, precision, claimants, dates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ingest.evaluation import (
    SPLITS_MANIFEST,
    TARGETS,
    GoldFileError,
    Score,
    evaluate_file,
    load_splits,
)
from ingest.reading import InputError


class Command(BaseCommand):
    help = (
        "Run the import pipeline on the article named by each GOLD.json and print "
        "recall, precision, precision and recall of suggested candidates, claimant "
        "accuracy, date accuracy and boilerplate candidates, per file and overall; "
        "with --split, for the gold files of a split of the manifest."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold", nargs="*", help="gold files (*.gold.json)")
        parser.add_argument(
            "--split",
            action="append",
            default=[],
            help=(
                "a split of the manifest (tuned, tuned_late, tuned_3, tuned_4, "
                "tuned_5, heldout, or all); repeatable. An empty split (heldout, "
                "until its blind set is merged) is reported as such and evaluates "
                "nothing"
            ),
        )
        parser.add_argument(
            "--manifest",
            default="",
            help=f"the splits manifest (default {SPLITS_MANIFEST})",
        )
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
        groups = self._groups(options)
        results: dict[str, tuple[list[Score], Score]] = {}
        empty = [label for label, paths in groups.items() if not paths]
        for label in empty:
            # not an error: the blind held-out split stays empty until it is merged
            self.stderr.write(f"Split {label!r} has no gold files: nothing evaluated.")
        for label, paths in groups.items():
            if paths:
                results[label] = self._score(paths)
        if options["json"]:
            data: dict[str, Any] = {
                label: {
                    s.name: s.figures() for s in [*results[label][0], results[label][1]]
                }
                if label in results
                else {}
                for label in groups
            }
            if list(data) == [""]:
                data = data[""]
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            for label in groups:
                if label in empty:
                    self.stdout.write(
                        f"\n== split: {label} (0 files): no gold files, nothing "
                        "evaluated"
                    )
                    continue
                scores, total = results[label]
                if label:
                    self.stdout.write(f"\n== split: {label} ({len(scores)} files)")
                self._table([*scores, total], options["verbose_errors"])
            self.stdout.write(
                "targets: "
                + ", ".join(f"{k} >= {v}" for k, v in TARGETS.items())
                + ", 0 boilerplate candidates"
            )
        if options["check"]:
            if not results:
                raise CommandError("Nothing to check: every split named is empty")
            missed = [
                f"{label or 'overall'}: " + "; ".join(total.failures())
                for label, (_scores, total) in results.items()
                if total.failures()
            ]
            if missed:
                raise CommandError("Targets missed: " + " | ".join(missed))

    def _groups(self, options: dict[str, Any]) -> dict[str, list[Path]]:
        """The gold files to score, by label ("" for the files named on the
        command line)."""
        groups: dict[str, list[Path]] = {}
        if options["gold"]:
            groups[""] = [Path(name) for name in options["gold"]]
        if options["split"]:
            manifest = Path(options["manifest"] or settings.BASE_DIR / SPLITS_MANIFEST)
            if not manifest.exists():
                raise CommandError(f"No such splits manifest: {manifest}")
            try:
                splits = load_splits(manifest)
            except GoldFileError as exc:
                raise CommandError(str(exc)) from exc
            for name in options["split"]:
                if name == "all":
                    for split, paths in splits.items():
                        groups[split] = paths
                elif name in splits:
                    groups[name] = splits[name]
                else:
                    known = ", ".join([*splits, "all"])
                    raise CommandError(f"No split {name!r} in {manifest}: use {known}")
        if not groups:
            raise CommandError("Name gold files, or a split with --split")
        return groups

    def _score(self, paths: list[Path]) -> tuple[list[Score], Score]:
        scores: list[Score] = []
        for path in paths:
            if not path.exists():
                raise CommandError(f"No such gold file: {path}")
            try:
                score, _analysis = evaluate_file(path)
            except (ValueError, KeyError, TypeError, InputError) as exc:
                raise CommandError(f"{path}: {exc}") from exc
            scores.append(score)
        total = Score("overall")
        for score in scores:
            total.add(score)
        return scores, total

    def _table(self, scores: list[Score], verbose: bool) -> None:
        header = (
            f"{'file':<60} {'recall':>7} {'prec.':>7} {'sugg.P':>7} {'sugg.R':>7} "
            f"{'claim.':>7} {'dates':>7} {'roles':>7} {'boiler.':>7}"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for s in scores:
            self.stdout.write(
                f"{s.name[:60]:<60} {s.recall:>7.2f} {s.precision:>7.2f} "
                f"{s.suggested_precision:>7.2f} {s.suggested_recall:>7.2f} "
                f"{s.claimant_accuracy:>7.2f} {s.date_accuracy:>7.2f} "
                f"{s.role_accuracy:>7.2f} {len(s.boilerplate_candidates):>7d}"
            )
            if verbose and s.name != "overall":
                for label, items in (
                    ("missed", s.missed),
                    ("not in gold", s.unmatched),
                    ("claimant", s.wrong_claimants),
                    ("date", s.wrong_dates),
                    ("boilerplate", s.boilerplate_candidates),
                    ("suggested, not checkable gold", s.wrongly_suggested),
                    ("checkable gold, not suggested", s.not_suggested),
                ):
                    for item in items:
                        self.stdout.write(f"    {label}: {item}")
