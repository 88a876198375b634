"""Files of ClaimReview as fact-checkers publish them, read down to review nodes.

Accepts JSON or an HTML page's ``<script type="application/ld+json">`` blocks; a bare
object, an array, ``@graph``, a ``DataFeed`` (``dataFeedElement``) or ``DataFeedItem``
(``item``) wrapper, nested as deep as they come. A truncated array (or ``@graph`` or
feed) still yields the items before the break. Nothing here touches the database.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

#: Keys whose values may hold further nodes (wrappers, graphs, feeds, pages).
CONTAINER_KEYS = ("@graph", "dataFeedElement", "item", "itemListElement", "mainEntity")

_SCRIPT_RE = re.compile(
    r"<script[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script>",
    re.IGNORECASE | re.DOTALL,
)
_ARRAY_RE = re.compile(r'"(?:@graph|dataFeedElement|item|itemListElement)"\s*:\s*\[')


class FileError(Exception):
    """The whole file cannot be read (too big, not text)."""


@dataclass(frozen=True)
class Found:
    """A node of a file: a ClaimReview (``reason`` empty) or something skipped."""

    path: str
    data: Any
    reason: str = ""


def node_types(node: dict[str, Any]) -> list[str]:
    """``@type`` as bare schema.org names: "schema:ClaimReview",
    "http://schema.org/ClaimReview" and ["ClaimReview"] are all "ClaimReview"."""
    value = node.get("@type", [])
    values = value if isinstance(value, list) else [value]
    return [re.split(r"[/:#]", v)[-1] for v in values if isinstance(v, str) and v]


def max_bytes() -> int:
    return int(getattr(settings, "CLAIMDESK_IMPORT_MAX_BYTES", 10_000_000))


def check_size(size: int) -> None:
    """Refuse a file over ``CLAIMDESK_IMPORT_MAX_BYTES`` before reading it."""
    limit = max_bytes()
    if size > limit:
        raise FileError(
            _(
                "The file is %(size)s bytes, over the import limit of %(limit)s "
                "(CLAIMDESK_IMPORT_MAX_BYTES); split it or raise the limit."
            )
            % {"size": f"{size:,}", "limit": f"{limit:,}"}
        )


BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]


def encoding_of(data: bytes) -> str:
    """UTF-8 unless a byte order mark says otherwise."""
    return next((enc for bom, enc in BOMS if data.startswith(bom)), "utf-8")


def decode(data: bytes) -> str:
    """The text of ``data``: UTF-8 (with or without a BOM) or UTF-16/32 with a BOM.

    Refuses bytes in no encoding it can be sure of (guessing Latin-1 would import
    garbled statements)."""
    encoding = encoding_of(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FileError(
            _(
                "The file is not UTF-8 text (byte %(pos)d cannot be read as "
                "%(encoding)s): save it as UTF-8 and import it again."
            )
            % {"pos": exc.start, "encoding": encoding}
        ) from None


def read_text(path: Path) -> str:
    """The file's text (``decode``), refused over the size limit before reading."""
    check_size(path.stat().st_size)
    return decode(path.read_bytes())


def _where(exc: json.JSONDecodeError) -> str:
    return _("%(msg)s (line %(line)d, column %(col)d)") % {
        "msg": exc.msg,
        "line": exc.lineno,
        "col": exc.colno,
    }


def _salvage_array(text: str, start: int, path: str) -> tuple[list[Any], Found]:
    """The complete elements of the JSON array opening at ``text[start]``, and the
    problem that stopped the reading (truncated, or invalid from some element on)."""
    decoder = json.JSONDecoder()
    items: list[Any] = []
    pos = start + 1
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos < len(text) and text[pos] == "]":
            pos += 1
            break
        try:
            item, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            reason = _("Invalid or truncated JSON: %(where)s.") % {"where": _where(exc)}
            return items, Found(f"{path}[{len(items)}]", None, reason)
        items.append(item)
    return items, Found(path, None, _("The JSON is broken after its last item."))


def parse(text: str) -> tuple[list[tuple[str, Any]], list[Found]]:
    """(path, parsed JSON) for each JSON document in ``text``, and what could not be
    parsed. An HTML page gives one document per JSON-LD script block."""
    stripped = text.lstrip()
    if stripped.startswith("<"):
        blocks = [
            html.unescape(b) if "&quot;" in b else b for b in _SCRIPT_RE.findall(text)
        ]
        documents, problems = [], []
        for i, block in enumerate(blocks):
            try:
                documents.append((f"script[{i}]", json.loads(block)))
            except json.JSONDecodeError as exc:
                reason = _("Invalid JSON in a JSON-LD script: %(where)s.") % {
                    "where": _where(exc)
                }
                problems.append(Found(f"script[{i}]", None, reason))
        return documents, problems
    try:
        return [("", json.loads(text))], []
    except json.JSONDecodeError as exc:
        error = exc
    # Salvage what came before the break: an array at the top, or the first array
    # of reviews inside a wrapper object.
    start = len(text) - len(stripped)
    match = _ARRAY_RE.search(text) if stripped.startswith("{") else None
    if stripped.startswith("["):
        items, problem = _salvage_array(text, start, "")
    elif match:
        key = match.group(0).split('"')[1]
        items, problem = _salvage_array(text, match.end() - 1, key)
    else:
        reason = _("Invalid or truncated JSON: %(where)s.") % {"where": _where(error)}
        return [], [Found("", None, reason)]
    found = [
        (f"{problem.path.rsplit('[', 1)[0]}[{i}]", item) for i, item in enumerate(items)
    ]
    return found, [problem] if problem.reason else []


def walk(data: Any, path: str = "") -> Iterator[Found]:
    """Every ClaimReview in ``data``, and every other review (a ``MediaReview``…)
    as a skipped node with its reason."""
    if isinstance(data, list):
        for i, value in enumerate(data):
            yield from walk(value, f"{path}[{i}]")
        return
    if not isinstance(data, dict):
        return
    types = node_types(data)
    if "ClaimReview" in types or (not types and "claimReviewed" in data):
        yield Found(path or "$", data)
        return
    reviews = [t for t in types if t.endswith("Review")]
    if reviews:
        yield Found(
            path or "$",
            data,
            _("A %(type)s, not a ClaimReview.") % {"type": reviews[0]},
        )
        return
    for key in CONTAINER_KEYS:
        if key in data:
            yield from walk(data[key], f"{path}.{key}" if path else key)


def read(path: Path) -> tuple[list[Found], list[Found]]:
    """(nodes found, problems) for one file; raises ``FileError`` for the file."""
    return read_data(read_text(path))


def read_data(text: str) -> tuple[list[Found], list[Found]]:
    """(nodes found, problems) in the text of one file."""
    documents, problems = parse(text)
    found = [node for doc_path, doc in documents for node in walk(doc, doc_path)]
    return found, problems
