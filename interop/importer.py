"""``import_claimreview``'s work: files and directories in, one report line per
item out. Each item is written all or nothing (``external_fact_check_import``
runs in its own transaction); a bad item is reported and the next one read."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from claims.models import Rating
from claims.services import external_fact_check_import

from .claimreview import Unreadable, rating_labels, read_review
from .reader import FileError, read

logger = logging.getLogger(__name__)

#: What a directory is searched for.
SUFFIXES = {".json", ".jsonld", ".html", ".htm"}


@dataclass
class Line:
    """One item's fate: ``imported``, ``updated``, ``unchanged`` or ``skipped``
    (``reason`` says why); ``item`` is its number in the file (1 first), None for
    a problem with the whole file."""

    file: str
    item: int | None
    path: str
    outcome: str
    reason: str = ""
    claim_id: int | None = None
    review_url: str = ""
    rating: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def files_in(paths: Iterable[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES
            )
        else:
            yield path


class _DryRun(Exception):
    pass


def import_paths(paths: Iterable[str], *, dry_run: bool = False) -> list[Line]:
    """Import every ClaimReview in ``paths``; with ``dry_run`` nothing is kept, but
    the report says what would have happened."""
    labels = rating_labels()
    ratings = {r.slug: r for r in Rating.objects.all()}
    lines: list[Line] = []
    if not dry_run:  # each item commits on its own
        for path in files_in(paths):
            lines += import_file(path, labels=labels, ratings=ratings)
        return lines
    try:
        with transaction.atomic():
            for path in files_in(paths):
                lines += import_file(path, labels=labels, ratings=ratings)
            raise _DryRun
    except _DryRun:
        pass
    return lines


def import_file(
    path: Path, *, labels: dict[str, str], ratings: dict[str, Rating]
) -> list[Line]:
    name = str(path)
    try:
        found, problems = read(path)
    except FileError as exc:
        return [Line(name, None, "", "skipped", str(exc))]
    except OSError as exc:
        reason = _("Cannot read the file: %(error)s") % {"error": exc.strerror or exc}
        return [Line(name, None, "", "skipped", reason)]
    lines = []
    for number, node in enumerate(found, start=1):
        line = Line(name, number, node.path, "skipped", node.reason)
        if not node.reason:
            _import_node(line, node.data, labels=labels, ratings=ratings)
        lines.append(line)
    n = len(found)
    lines += [
        Line(name, n + i, p.path, "skipped", p.reason)
        for i, p in enumerate(problems, start=1)
    ]
    if not lines:
        lines.append(Line(name, None, "", "skipped", _("No ClaimReview in the file.")))
    return lines


def _import_node(
    line: Line, node: Any, *, labels: dict[str, str], ratings: dict[str, Rating]
) -> None:
    try:
        review = read_review(node, labels=labels, ratings=ratings)
    except Unreadable as exc:
        line.reason = str(exc)
        return
    line.review_url = review.review_url
    line.rating = review.rating.slug if review.rating else ""
    try:
        record, outcome = external_fact_check_import(by=None, review=review)
    except ValidationError as exc:
        line.reason = _("Not valid: %(errors)s") % {"errors": "; ".join(exc.messages)}
        return
    except DatabaseError as exc:  # rolled back with the item's transaction
        logger.warning("claimreview item refused by the database: %s", exc)
        line.reason = _("The database refused it: %(error)s") % {"error": exc}
        return
    except Exception as exc:  # one odd item must not stop the others
        logger.exception("claimreview item failed: %s #%s", line.file, line.item)
        line.reason = _("Could not be imported (%(error)s).") % {
            "error": type(exc).__name__
        }
        return
    line.outcome = outcome
    line.claim_id = record.claim_id
