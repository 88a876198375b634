"""The queue's one task: run a ``Job`` by id (``claims.services.jobs``)."""

from __future__ import annotations

from django_tasks import task

from .services.jobs import job_execute


@task()
def job_run(job_id: int) -> None:
    job_execute(job_id)
