"""``manage.py evaluate_matching FILE``: how well claims are recognised, per kind."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from claims.models import Claim
from matching.evaluation import (
    CachedEmbedder,
    LabelledSetError,
    Report,
    calibrate,
    fit_weights,
    load_claims,
    load_set,
    measure,
    run_queries,
)
from matching.index import vector_indexes_clear
from matching.scoring import FEATURES


class Command(BaseCommand):
    help = (
        "Evaluate claim matching on a labelled set (JSON lines of queries; the "
        "claims in claims.jsonl beside it): Success@1 and @5 per kind, the "
        "false-match rate on negatives, precision and recall at the suggest "
        "threshold, and the thresholds the set calibrates. Nothing is kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="queries, one JSON object a line")
        parser.add_argument(
            "--claims", help="the claims (default: claims.jsonl beside FILE)"
        )
        parser.add_argument(
            "--split",
            choices=["tune", "heldout", "all"],
            default="all",
            help="which queries to report (default: each split, then all)",
        )
        parser.add_argument(
            "--fit",
            action="store_true",
            help="refit the weights on the tune split and report with them",
        )
        parser.add_argument(
            "--cache", help="an .npz file caching the set's vectors between runs"
        )
        parser.add_argument(
            "--json", action="store_true", help="print the figures as JSON"
        )
        parser.add_argument(
            "--dump",
            help="write each query's ranked candidates and signals to this JSON file",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            claims, queries = load_set(
                path, Path(options["claims"]) if options["claims"] else None
            )
        except LabelledSetError as exc:
            raise CommandError(str(exc)) from exc
        if not queries:
            raise CommandError(f"{path}: no queries.")
        embedder = CachedEmbedder(Path(options["cache"]) if options["cache"] else None)
        started = time.perf_counter()
        with transaction.atomic():
            vector_indexes_clear()
            # the set is measured alone: claims already in the database are left out
            existing = frozenset(Claim.objects.values_list("pk", flat=True))
            key_of = load_claims(claims, embedder)
            results = run_queries(queries, key_of, embedder, exclude=existing)
            transaction.set_rollback(True)
        vector_indexes_clear()
        embedder.save()
        elapsed = time.perf_counter() - started
        if options["dump"]:
            Path(options["dump"]).write_text(
                json.dumps(
                    [
                        {
                            "query": r.query,
                            "ranked": [
                                [k, sc, sig.as_row()] for k, sc, sig in r.ranked
                            ],
                        }
                        for r in results
                    ],
                    ensure_ascii=False,
                )
            )
        weights = None
        if options["fit"]:
            weights = fit_weights([r for r in results if r.query["split"] == "tune"])
            results = [r.rescored(weights) for r in results]
        tune = [r for r in results if r.query["split"] == "tune"]
        suggest, same = calibrate(tune or results)
        threshold = settings.CLAIMDESK_MATCH_SUGGEST if not options["fit"] else suggest
        splits = {
            "tune": tune,
            "heldout": [r for r in results if r.query["split"] == "heldout"],
            "all": results,
        }
        if options["split"] != "all":
            splits = {options["split"]: splits[options["split"]]}
        reports = {name: measure(rs, threshold) for name, rs in splits.items() if rs}
        same_reports = {
            name: measure(
                rs, settings.CLAIMDESK_MATCH_SAME if not options["fit"] else same
            )
            for name, rs in splits.items()
            if rs
        }
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "claims": len(claims),
                        "queries": len(queries),
                        "threshold": threshold,
                        "same_threshold": settings.CLAIMDESK_MATCH_SAME,
                        "calibrated": {"suggest": suggest, "same": same},
                        "weights": dict(
                            zip([*FEATURES, "intercept"], weights, strict=True)
                        )
                        if weights
                        else None,
                        "splits": {name: _as_dict(r) for name, r in reports.items()},
                        "at_same_threshold": {
                            name: _as_dict(r) for name, r in same_reports.items()
                        },
                    }
                )
            )
            return
        self.stdout.write(
            f"{len(queries)} queries against {len(claims)} claims ({elapsed:.0f} s)"
        )
        for name, report in reports.items():
            self._print(name, report, same_reports[name])
        self.stdout.write(
            f"\nThresholds calibrated on the tune split: suggest {suggest:.2f}, "
            f"same claim {same:.2f} (settings: CLAIMDESK_MATCH_SUGGEST "
            f"{settings.CLAIMDESK_MATCH_SUGGEST:.2f}, CLAIMDESK_MATCH_SAME "
            f"{settings.CLAIMDESK_MATCH_SAME:.2f})"
        )
        if weights:
            self.stdout.write(
                "Weights fitted on the tune split (matching.scoring.WEIGHTS):"
            )
            self.stdout.write("    " + repr(weights))

    def _print(self, name: str, report: Report, same: Report) -> None:
        counts = report.counts
        self.stdout.write(
            f"\n[{name}] {counts['positives']} positive, "
            f"{counts['negatives']} negative queries"
        )
        self.stdout.write(f"  {'kind':<16}{'n':>5}{'Success@1':>11}{'Success@5':>11}")
        for kind, row in report.per_kind.items():
            one, five = row["success@1"], row["success@5"]
            self.stdout.write(f"  {kind:<16}{row['n']:>5}{one:>11.3f}{five:>11.3f}")
        for label, r in (("suggest", report), ("same-claim", same)):
            self.stdout.write(
                f"  at {label} threshold {r.threshold:.2f}: precision "
                f"{r.precision:.3f}, recall {r.recall:.3f}, false matches on "
                f"negatives {r.false_match_rate:.3f}"
            )


def _as_dict(report: Report) -> dict[str, Any]:
    return {
        "per_kind": report.per_kind,
        "false_match_rate": report.false_match_rate,
        "precision": report.precision,
        "recall": report.recall,
        "threshold": report.threshold,
        "counts": report.counts,
    }
