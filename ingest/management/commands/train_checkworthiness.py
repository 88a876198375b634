"""Relearn the check-worthiness weights from the tuned gold splits (never the
held-out one) and write ``ingest/data/checkworthiness.json``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ingest import train_checkworthiness as train
from ingest.scoring import MODEL_PATH


class Command(BaseCommand):
    help = (
        "Fit the check-worthiness weights (L2 logistic regression) on the gold splits "
        "tuned, tuned_late, tuned_3 and tuned_4, choose the penalty and the threshold "
        "by leave-one-article-out cross-validation, print the figures and write them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, default=MODEL_PATH)
        parser.add_argument("--dry-run", action="store_true", help="write nothing")
        parser.add_argument("--json", action="store_true")
        parser.add_argument(
            "--hand", action="store_true", help="write the hand-set weights instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        argv = ["--out", str(options["out"])]
        for flag in ("dry_run", "json", "hand"):
            if options[flag]:
                argv.append("--" + flag.replace("_", "-"))
        try:
            train.main(argv, stdout=self.stdout)
        except train.WriteError as exc:
            raise CommandError(str(exc)) from exc
