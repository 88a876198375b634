"""The job queue's writers: ``job_start``, ``job_retry`` and the runner a worker calls.

Work is registered by kind (``@job_handler("claims.bulk")``); a handler gets a
``JobRun`` and returns the outcome message. ``JobRun.each`` runs one unit of work and
records it as a ``JobStep`` in the same transaction, so a job that failed halfway and
is retried (same job, same idempotency key) skips what it already wrote. The queue
(``TASKS`` setting: a database table by default, Redis through RQ when scaled out)
carries only the job's id; ``claims.tasks.job_run`` is the one task.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Job, JobStep
from .base import _require, audited

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

Handler = Callable[["JobRun"], str]
HANDLERS: dict[str, Handler] = {}


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that does the work of jobs of ``kind``."""

    def register(handler: Handler) -> Handler:
        HANDLERS[kind] = handler
        return handler

    return register


class JobRun:
    """What a handler sees of its job: the arguments, progress and steps."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.args: dict[str, Any] = job.args
        self._done = set(job.steps.values_list("key", flat=True))

    def set_total(self, total: int) -> None:
        self.job.total = total
        self.job.done = min(len(self._done), total)
        Job.objects.filter(pk=self.job.pk).update(total=total, done=self.job.done)

    def has_done(self, key: str) -> bool:
        return key in self._done

    def each(self, keys: Iterable[str], work: Callable[[str], str]) -> list[str]:
        """Run ``work(key)`` for each key not done yet, each in its own transaction
        with its step; return the notes of all steps, earlier attempts' included."""
        for key in keys:
            if key in self._done:
                continue
            with transaction.atomic():
                note = work(key)
                JobStep.objects.create(job=self.job, key=key, note=note[:300])
            self._done.add(key)
            self.advance()
        return list(self.job.steps.order_by("pk").values_list("note", flat=True))

    def advance(self, by: int = 1) -> None:
        Job.objects.filter(pk=self.job.pk).update(done=F("done") + by)
        self.job.done += by


def _enqueue(job_id: int) -> None:
    from ..tasks import job_run  # the task module imports this one

    result = job_run.enqueue(job_id)
    Job.objects.filter(pk=job_id).exclude(result_id=result.id).update(
        result_id=result.id
    )


@audited
def job_start(*, kind: str, by: User | None, args: dict[str, Any]) -> Job:
    """Record a job of ``kind`` started by ``by`` (None: the system) and queue it
    once the current transaction commits, so that the worker finds what it works
    on. Raises ``ValueError`` for a kind nobody registered."""
    if kind not in HANDLERS:
        raise ValueError(f"No job handler for {kind!r}.")
    job = Job.objects.create(kind=kind, started_by=by, args=args)
    transaction.on_commit(partial(_enqueue, job.pk), robust=True)
    return job


@audited
def job_retry(*, job: Job, by: User) -> Job:
    """Queue a failed job again, under the same idempotency key: the steps it
    finished before it failed are skipped."""
    _require(by, "claims.retry_job")
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(pk=job.pk)
        if locked.status != Job.Status.FAILED:
            raise ValidationError(_("Only a failed job can be retried."), code="state")
        locked.status = Job.Status.QUEUED
        locked.outcome = ""
        locked.finished_at = None
        locked.save(update_fields=["status", "outcome", "finished_at"])
        transaction.on_commit(partial(_enqueue, locked.pk), robust=True)
    return locked


def job_execute(job_id: int) -> None:
    """Run one job (what the worker calls): mark it running, call its handler,
    record the outcome. A handler's exception fails the job, never the worker;
    the traceback goes to the log and a short reason to the job."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.status == Job.Status.SUCCEEDED:
        return
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.RUNNING,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
    )
    job.refresh_from_db()
    handler = HANDLERS.get(job.kind)
    try:
        if handler is None:
            raise ValueError(f"No job handler for {job.kind!r}.")
        outcome = handler(JobRun(job))
    except (ValidationError, PermissionDenied) as exc:
        _finish(job, Job.Status.FAILED, "; ".join(getattr(exc, "messages", [str(exc)])))
    except Exception as exc:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _finish(job, Job.Status.FAILED, f"{type(exc).__name__}: {exc}"[:500])
    else:
        _finish(job, Job.Status.SUCCEEDED, outcome)


def _finish(job: Job, status: str, outcome: str) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=status, outcome=outcome, finished_at=timezone.now()
    )
