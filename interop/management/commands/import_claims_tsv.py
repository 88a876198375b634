"""``manage.py import_claims_tsv PATH... --format liar|csv [--map …]``."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from interop.importer import import_tables
from interop.tabular import TARGETS, Layout, default_dataset, parse_mapping


class Command(BaseCommand):
    help = (
        "Import tables of claims as new claims (never public until the desk checks "
        "them), each keeping its row's id as an external key (liar:2635.json): the "
        "LIAR dataset's TSV layout (--format liar), or any CSV/TSV with a header "
        "row (--format csv --map statement=COLUMN,…). Re-importing the same rows "
        "captures nothing twice. One report line per refused or imported row."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--format", choices=["liar", "csv"], default="liar")
        targets = "; ".join(f"{k}: {v}" for k, v in TARGETS.items())
        parser.add_argument(
            "--map",
            default="",
            metavar="TARGET=COLUMN,…",
            help=(
                "For --format csv: which header column holds what. Columns named "
                f"like a target need no mapping. Targets: {targets}."
            ),
        )
        parser.add_argument(
            "--dataset",
            default="",
            help=(
                "For --format csv: the name that prefixes each row's id in its "
                "external key (default: the file's name as a slug)."
            ),
        )
        parser.add_argument(
            "--delimiter",
            default="",
            help="For --format csv: ',' (default; a tab for .tsv files), ';' or 'tab'.",
        )
        parser.add_argument(
            "--language",
            default="en",
            help="The statements' language when no column says (default en).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Read and check everything, report, and keep nothing.",
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the report as JSON."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            layouts = [self._layout(Path(p), options) for p in options["paths"]]
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        lines = []
        for path, layout in zip(options["paths"], layouts, strict=True):
            lines += import_tables([path], layout, dry_run=options["dry_run"])
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
            if line.outcome == "skipped" or options["verbosity"] > 1:
                where = f"{line.file}:{line.item}" if line.item else line.file
                detail = line.reason or (
                    f"{line.key} claim {line.claim_id} {line.rating or 'unrated'}"
                )
                self.stdout.write(f"{line.outcome:<9} {where}: {detail}")
        summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items()))
        prefix = "Dry run, nothing kept: " if options["dry_run"] else ""
        self.stdout.write(f"{prefix}{summary or 'nothing found'}.")

    def _layout(self, path: Path, options: dict[str, Any]) -> Layout:
        if options["format"] == "liar":
            if options["map"]:
                raise ValueError("--map is for --format csv; LIAR's columns are fixed.")
            return Layout.liar(language=options["language"])
        delimiter = {"tab": "\t", "\\t": "\t"}.get(options["delimiter"]) or (
            options["delimiter"] or ("\t" if path.suffix.lower() == ".tsv" else ",")
        )
        if len(delimiter) != 1:
            raise ValueError("--delimiter must be one character (or 'tab').")
        return Layout.table(
            dataset=options["dataset"] or default_dataset(path.name),
            delimiter=delimiter,
            mapping=parse_mapping(options["map"]),
            language=options["language"],
        )
