"""Files of fact-checks imported by a worker (``interop.import``): a ClaimReview
JSON or HTML file, a LIAR TSV or a mapped CSV, uploaded in the admin.

The upload is kept in the default storage (shared by every app server and worker)
until the job succeeds. A ClaimReview file is one step per review; a table is one
step per chunk of ``CHUNK`` rows, each written with its step in one transaction:
a failed job retried skips the steps it finished, and the rest is idempotent on
the review's URL and statement or the row's external key anyway.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from typing import Any

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from claims.models import Job, Rating, Source
from claims.services import job_handler, job_start
from claims.services.jobs import JobRun

from .claimreview import rating_labels
from .importer import Line, _import_node, import_chunk, read_table_lines
from .reader import FileError, check_size, decode, read_data
from .tabular import Layout

KIND = "interop.import"
FORMATS = ("claimreview", "liar", "csv")
#: table rows per job step (one transaction, one tick of the progress bar)
CHUNK = 500
#: skipped rows listed in a job's outcome; the rest are counted
REPORT_LINES = 200


def fact_checks_import_start(
    *,
    by: Any,
    upload: File[Any],
    filename: str,
    format: str,
    mapping: dict[str, str] | None = None,
    dataset: str = "",
    delimiter: str = ",",
    language: str = "en",
) -> Job:
    """Keep ``upload`` in the storage and queue its import as ``by``."""
    if format not in FORMATS:
        raise ValueError(f"Unknown format {format!r}.")
    safe = re.sub(r"[^\w.-]+", "_", filename)[-100:] or "upload"
    stored = default_storage.save(f"imports/{uuid.uuid4().hex}/{safe}", upload)
    return job_start(
        kind=KIND,
        by=by,
        args={
            "file": stored,
            "filename": filename,
            "format": format,
            "mapping": dict(mapping or {}),
            "dataset": dataset,
            "delimiter": delimiter,
            "language": language,
        },
    )


@job_handler(KIND)
def _run_import(run: JobRun) -> str:
    args = run.args
    name = args["filename"]
    with default_storage.open(args["file"], "rb") as fh:
        check_size(fh.size)
        data = fh.read()
    earlier: Counter[str] = Counter()
    if args["format"] == "claimreview":
        lines = _claimreview(run, name, data)
    else:
        lines = _table(run, name, data, earlier)
    default_storage.delete(args["file"])
    return report(lines, earlier)


def _claimreview(run: JobRun, name: str, data: bytes) -> list[Line]:
    try:
        found, problems = read_data(decode(data))
    except FileError as exc:
        return [Line(name, None, "", "skipped", str(exc))]
    labels = rating_labels()
    ratings = {r.slug: r for r in Rating.objects.all()}
    run.set_total(len(found))
    by = run.job.started_by

    def one(key: str) -> str:
        number = int(key.split(":")[1])
        node = found[number - 1]
        line = Line(name, number, node.path, "skipped", node.reason)
        if not node.reason:
            _import_node(line, node.data, labels=labels, ratings=ratings, by=by)
        return f"{line.outcome}\t{line.reason}"

    notes = run.each([f"item:{i}" for i in range(1, len(found) + 1)], one)
    lines = []
    for number, (node, note) in enumerate(zip(found, notes, strict=True), start=1):
        outcome, _tab, reason = note.partition("\t")
        lines.append(Line(name, number, node.path, outcome, reason))
    n = len(found)
    lines += [
        Line(name, n + i, p.path, "skipped", p.reason)
        for i, p in enumerate(problems, start=1)
    ]
    if not lines:
        lines.append(Line(name, None, "", "skipped", _("No ClaimReview in the file.")))
    return lines


def _table(run: JobRun, name: str, data: bytes, earlier: Counter[str]) -> list[Line]:
    args = run.args
    if args["format"] == "liar":
        layout = Layout.liar(language=args["language"])
    else:
        try:
            layout = Layout.table(
                dataset=args["dataset"],
                delimiter=args["delimiter"],
                mapping=args["mapping"],
                language=args["language"],
            )
        except ValueError as exc:
            return [Line(name, None, "", "skipped", str(exc))]
    try:
        refused, chunks = read_table_lines(name, data, layout, size=CHUNK)
    except FileError as exc:
        return [Line(name, None, "", "skipped", str(exc))]
    run.set_total(len(chunks))
    sources: dict[str, Source] = {}
    by = run.job.started_by
    written: list[Line] = []
    done_now: set[str] = set()

    def one(key: str) -> str:
        chunk = chunks[int(key.split(":")[1])]
        lines = import_chunk(name, chunk, by=by, sources=sources)
        written.extend(lines)
        done_now.add(key)
        counts = Counter(line.outcome for line in lines)
        return " ".join(f"{o}={n}" for o, n in sorted(counts.items()))

    run.each([f"chunk:{i}" for i in range(len(chunks))], one)
    # the chunks an earlier attempt wrote are counted from their steps' notes
    for key, note in run.job.steps.values_list("key", "note"):
        if key not in done_now:
            for part in note.split():
                outcome, _eq, n = part.partition("=")
                earlier[outcome] += int(n or 0)
    return sorted(refused + written, key=lambda line: line.item or 0)


def report(lines: list[Line], earlier: Counter[str] | None = None) -> str:
    """The job's outcome: the counts (``earlier``: those of rows an earlier attempt
    wrote), then each refused item with its line."""
    counts = Counter(line.outcome for line in lines) + (earlier or Counter())
    summary = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items()))
    text = [(summary or _("nothing found")) + "."]
    skipped = [line for line in lines if line.outcome == "skipped"]
    for line in skipped[:REPORT_LINES]:
        where = f"{line.file}:{line.item}" if line.item else line.file
        text.append(f"{where} {line.path}: {line.reason}".replace("  ", " "))
    if len(skipped) > REPORT_LINES:
        text.append(_("… and %(n)d more skipped.") % {"n": len(skipped) - REPORT_LINES})
    return "\n".join(text)
