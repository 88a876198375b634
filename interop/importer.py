"""``import_claimreview``'s work: files and directories in, one report line per
item out. Each item is written all or nothing (``external_fact_check_import``
runs in its own transaction); a bad item is reported and the next one read."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from claims.models import Rating, Source
from claims.services import external_fact_check_import, external_ids_import

from .claimreview import Unreadable, rating_labels, read_review
from .reader import FileError, check_size, read
from .tabular import Layout, Problem, Read, read_table

if TYPE_CHECKING:
    from claims.services.base import User

logger = logging.getLogger(__name__)

#: What a directory is searched for.
SUFFIXES = {".json", ".jsonld", ".html", ".htm"}


@dataclass
class Line:
    """One item's fate: ``imported``, ``updated``, ``unchanged`` or ``skipped``
    (``reason`` says why); ``item`` is its number in the file (1 first), or a
    table row's line, None for a problem with the whole file."""

    file: str
    item: int | None
    path: str
    outcome: str
    reason: str = ""
    claim_id: int | None = None
    review_url: str = ""
    rating: str = ""
    #: a table row's external key (``liar:2635.json``)
    key: str = ""

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
    line: Line,
    node: Any,
    *,
    labels: dict[str, str],
    ratings: dict[str, Rating],
    by: User | None = None,
) -> None:
    try:
        review = read_review(node, labels=labels, ratings=ratings)
    except Unreadable as exc:
        line.reason = str(exc)
        return
    line.review_url = review.review_url
    line.rating = review.rating.slug if review.rating else ""
    try:
        record, outcome = external_fact_check_import(by=by, review=review)
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


# --- Tables of claims (LIAR, CSV) ---------------------------------------------------

#: rows written per transaction (one ``claims_bulk_create`` call): fewer round
#: trips per row than 500 (430 against 275 rows/s on a busy machine); a job's
#: steps are smaller (``interop.jobs.CHUNK``) so that its progress moves
CHUNK = 2000


def import_tables(
    paths: Iterable[str],
    layout: Layout,
    *,
    by: User | None = None,
    dry_run: bool = False,
) -> list[Line]:
    """Import every row of the tables at ``paths`` (files, not directories); with
    ``dry_run`` nothing is kept, but the report says what would have happened."""
    if not dry_run:
        return [line for p in paths for line in import_table_file(Path(p), layout, by)]
    lines: list[Line] = []
    try:
        with transaction.atomic():
            for p in paths:
                lines += import_table_file(Path(p), layout, by)
            raise _DryRun
    except _DryRun:
        pass
    return lines


def import_table_file(path: Path, layout: Layout, by: User | None) -> list[Line]:
    name = str(path)
    try:
        check_size(path.stat().st_size)
        data = path.read_bytes()
    except FileError as exc:
        return [Line(name, None, "", "skipped", str(exc))]
    except OSError as exc:
        reason = _("Cannot read the file: %(error)s") % {"error": exc.strerror or exc}
        return [Line(name, None, "", "skipped", reason)]
    try:
        lines, chunks = read_table_lines(name, data, layout)
    except FileError as exc:
        return [Line(name, None, "", "skipped", str(exc))]
    sources: dict[str, Source] = {}
    for chunk in chunks:
        lines += import_chunk(name, chunk, by=by, sources=sources)
    lines.sort(key=lambda line: line.item or 0)
    return lines


def read_table_lines(
    name: str, data: bytes, layout: Layout, *, size: int = CHUNK
) -> tuple[list[Line], list[list[Read]]]:
    """(the rows refused, the rows read in chunks of ``size``); raises
    ``FileError`` when the file cannot be read at all."""
    labels = rating_labels()
    ratings = {r.slug: r for r in Rating.objects.all()}
    refused: list[Line] = []
    rows: list[Read] = []
    for found in read_table(data, layout, labels=labels, ratings=ratings):
        if isinstance(found, Problem):
            refused.append(Line(name, found.line, "", "skipped", found.reason))
        else:
            rows.append(found)
    if not rows and not refused:
        raise FileError(_("No rows in the file."))
    return refused, [rows[i : i + size] for i in range(0, len(rows), size)]


def import_chunk(
    name: str, chunk: list[Read], *, by: User | None, sources: dict[str, Source]
) -> list[Line]:
    """Write ``chunk`` in one transaction; if the database or a check refuses it,
    write its rows one by one, so only the refused rows are skipped."""
    try:
        outcomes = external_ids_import(
            by=by, rows=[read.row for read in chunk], sources=sources
        )
    except (ValidationError, DatabaseError) as exc:
        if len(chunk) == 1:
            return [_table_line(name, chunk[0], "skipped", _refusal(exc))]
        return [
            line
            for read in chunk
            for line in import_chunk(name, [read], by=by, sources=sources)
        ]
    return [
        _table_line(name, read, outcome, claim_id=record.claim_id)
        for read, (record, outcome) in zip(chunk, outcomes, strict=True)
    ]


def _refusal(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return _("Not valid: %(errors)s") % {"errors": "; ".join(exc.messages)}
    logger.warning("table row refused by the database: %s", exc)
    return _("The database refused it: %(error)s") % {"error": exc}


def _table_line(
    name: str, read: Read, outcome: str, reason: str = "", claim_id: int | None = None
) -> Line:
    row = read.row
    return Line(
        name,
        read.line,
        "",
        outcome,
        reason,
        claim_id=claim_id,
        key=row.key,
        rating=row.rating.slug if row.rating else "",
    )
