"""Jobs: the slow work (captures, large imports, bulk actions) that a worker runs.

A ``Job`` is what the desk sees: who started it, when, how far it got and how it
ended. The queue itself (django-tasks: a database table by default, Redis via RQ when
scaled out) only carries the job's id. Each unit of work a job finished is a
``JobStep`` written in the same transaction as the work, so a retry of a failed job
skips what is already there instead of writing it twice.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class JobQuerySet(models.QuerySet["Job"]):
    def with_list_related(self) -> JobQuerySet:
        return self.select_related("started_by")

    def failed(self) -> JobQuerySet:
        return self.filter(status=Job.Status.FAILED)


def _new_key() -> str:
    return uuid.uuid4().hex


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=50)
    args = models.JSONField(_("arguments"), default=dict, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    outcome = models.TextField(_("outcome"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    #: the id of the queue's own TaskResult for the latest attempt
    result_id = models.CharField(_("task result id"), max_length=64, blank=True)
    #: the same across retries: the steps written under it are not written again
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=64, unique=True, default=_new_key
    )

    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-created_at"])]
        permissions = [("retry_job", _("Can retry a failed job"))]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.done / self.total))


class JobStep(models.Model):
    """One finished unit of a job (a claim acted on, a document saved)."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="steps")
    key = models.CharField(max_length=100)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "key"], name="job_step_once")
        ]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.key}"
