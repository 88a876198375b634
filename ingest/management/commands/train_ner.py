"""Retrain the Indonesian named-entity tagger and print its F1 on both test splits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ingest.ner import train


class Command(BaseCommand):
    help = (
        "Train the Indonesian NER model (CRF) on IndoNLU's NERP and NERGrit train "
        "splits and print entity-level precision, recall and F1 on their test splits."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data",
            type=Path,
            default=train.DATA,
            help="a folder with nerp/ and nergrit/, each with train, valid and test "
            "(.txt or .txt.gz); default: the copy in ingest/ner/data",
        )
        parser.add_argument(
            "--out", type=Path, default=train.MODEL, help="where to write the model"
        )
        parser.add_argument("--c1", type=float, default=train.C1)
        parser.add_argument("--c2", type=float, default=train.C2)
        parser.add_argument("--iterations", type=int, default=train.ITERATIONS)
        parser.add_argument("--min-freq", type=int, default=train.MIN_FREQ)
        parser.add_argument("--split", choices=["valid", "test"], default="test")
        parser.add_argument(
            "--evaluate-only", action="store_true", help="score --out, train nothing"
        )
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        argv = [
            "--data", str(options["data"]), "--out", str(options["out"]),
            "--c1", str(options["c1"]), "--c2", str(options["c2"]),
            "--iterations", str(options["iterations"]), "--split", options["split"],
            "--min-freq", str(options["min_freq"]),
        ]  # fmt: skip
        if options["evaluate_only"]:
            argv.append("--evaluate-only")
        if options["json"]:
            argv.append("--json")
        try:
            train.main(argv, stdout=self.stdout, stderr=self.stderr)
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
