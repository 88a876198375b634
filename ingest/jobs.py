"""Large articles import as a job (``ingest.article``): a worker analyses the text
and saves the candidates the review screen would have ticked (check-worthiness at
least ``CLAIMDESK_CHECKWORTHINESS_THRESHOLD``). The save is one step, so a retry after
a failure never stores the document twice."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from claims.models import Document, Job
from claims.services import job_handler, job_start
from claims.services.jobs import JobRun

from .pipeline import analyse
from .services import article_import, default_decisions, is_known_source

KIND = "ingest.article"


def article_import_start(*, by: Any, raw: bytes, filename: str, **meta: Any) -> Job:
    """Queue the import of ``raw`` (the uploaded file) with the form's fields."""
    published = meta.get("published")
    return job_start(
        kind=KIND,
        by=by,
        args={
            "raw": base64.b64encode(raw).decode("ascii"),
            "filename": filename,
            "url": meta.get("url") or "",
            "publisher": meta.get("publisher") or "",
            "language": meta.get("language") or "",
            "published": published.isoformat() if published else None,
        },
    )


@job_handler(KIND)
def _run_import(run: JobRun) -> str:
    run.set_total(2)
    args = run.args
    published = args.get("published")

    def save(key: str) -> str:
        analysis = analyse(
            base64.b64decode(args["raw"]),
            filename=args["filename"],
            url=args["url"],
            publisher=args["publisher"],
            language=args["language"],
            published=dt.date.fromisoformat(published) if published else None,
            is_known_source=is_known_source,
        )
        run.advance()  # analysed
        decisions = [  # the suggested (pre-ticked) candidates, as on the screen
            d
            for d in default_decisions(analysis)
            if analysis.candidates[d.index].suggested
        ]
        result = article_import(
            analysis=analysis, by=run.job.started_by, decisions=decisions
        )
        return f"{result.document.pk}:{result.created}:{result.reused}"

    note = run.each(["document"], save)[0]
    pk, created, reused = note.split(":")
    run.job.total = run.job.done = 2
    title = Document.objects.filter(pk=pk).values_list("title", flat=True).first()
    return _(
        "Imported “%(title)s” (document #%(pk)s): %(created)s new claims, "
        "%(reused)s new appearances of existing claims."
    ) % {"title": title or "", "pk": pk, "created": created, "reused": reused}
