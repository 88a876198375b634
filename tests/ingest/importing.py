"""Running ``import_article`` on a made-up text, as a newsroom would from the command
line, and reading its JSON: shared by the tests of the importer's rules."""

from __future__ import annotations

import io
import json
from typing import Any

from django.core.management import call_command


def import_json(
    tmp_path: Any,
    text: str,
    *args: str,
    published: str | None,
    language: str | None = None,
) -> dict[str, Any]:
    """``import_article --json`` of ``text`` published on ``published`` (None: the
    date the importer reads off the text)."""
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    options = ["--published", published] if published else []
    if language:
        options += ["--language", language]
    call_command(
        "import_article",
        str(path),
        "--json",
        *options,
        *args,
        stdout=out,
        stderr=io.StringIO(),
    )
    return json.loads(out.getvalue())  # type: ignore[no-any-return]


def quotes(data: dict[str, Any]) -> list[str]:
    return [c["quote"] for c in data["claims"]]


def claim_with(data: dict[str, Any], words: str) -> dict[str, Any]:
    return next(c for c in data["claims"] if words in c["quote"])
