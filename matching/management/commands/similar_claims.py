"""``manage.py similar_claims [TEXT ...] [--file F] [--top N] [--json]``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.finder import Suggestion, similar_to_text


class Command(BaseCommand):
    help = (
        "For each query (each TEXT, or each line of --file; - reads standard "
        "input), the existing claims most likely to state it again, best first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", nargs="*", help="a statement to look for")
        parser.add_argument(
            "--file", help="one query a line (UTF-8; - for standard input)"
        )
        parser.add_argument(
            "--top", type=int, default=5, help="claims per query (default 5)"
        )
        parser.add_argument(
            "--json", action="store_true", help="one JSON object per query and line"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        queries = list(options["text"])
        if options["file"]:
            queries += _read_lines(options["file"])
        if not queries:
            raise CommandError("Give a statement, or --file with one a line.")
        top = options["top"]
        if not 1 <= top <= 100:
            raise CommandError("--top must be between 1 and 100.")
        for query in queries:
            found = similar_to_text(query, top=top) if query.strip() else []
            if options["json"]:
                self.stdout.write(
                    json.dumps(_as_json(query, found), ensure_ascii=False)
                )
            else:
                self._print(query, found)

    def _print(self, query: str, found: list[Suggestion]) -> None:
        self.stdout.write(query)
        if not found:
            self.stdout.write("    (no claims)")
        for s in found:
            mark = "=" if s.same else "*" if s.suggested else " "
            keys = f" [{', '.join(s.external_ids)}]" if s.external_ids else ""
            self.stdout.write(
                f"  {mark} {s.score:.3f}  #{s.claim.pk}  "
                f"{s.claim.statement[:100]}{keys}"
            )


def _as_json(query: str, found: list[Suggestion]) -> dict[str, Any]:
    return {
        "query": query,
        "threshold": settings.CLAIMDESK_MATCH_SUGGEST,
        "suggestions": [
            {
                "id": s.claim.pk,
                "statement": s.claim.statement,
                "score": round(s.score, 4),
                "external_ids": s.external_ids,
                "suggested": s.suggested,
            }
            for s in found
        ],
    }


def _read_lines(name: str) -> list[str]:
    try:
        if name == "-":
            text = sys.stdin.read()
        else:
            text = Path(name).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{name}: {exc}") from exc
    return [line.strip() for line in text.splitlines() if line.strip()]
