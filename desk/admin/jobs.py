"""The job queue as the desk sees it: read-only, with progress and a retry."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from claims import services
from claims.models import Job
from desk.admin.base import ViewOnlyAdmin, actor, error_text


@admin.register(Job)
class JobAdmin(ViewOnlyAdmin):
    list_display = [
        "__str__",
        "status",
        "progress",
        "started_by",
        "created_at",
        "finished_at",
        "outcome",
    ]
    list_select_related = ["started_by"]
    list_filter = ["status", "kind", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["kind", "outcome"]
    date_hierarchy = "created_at"
    actions = ["retry"]
    FIELDS = [
        "kind",
        "status",
        "progress",
        "started_by",
        "created_at",
        "started_at",
        "finished_at",
        "attempts",
        "outcome",
        "result_id",
        "idempotency_key",
    ]
    fields = tuple(FIELDS)
    readonly_fields = FIELDS

    @admin.display(description=_("progress"))
    def progress(self, job: Job) -> str:
        if not job.total:
            return "–"
        return format_html(
            '<progress value="{}" max="{}">{}%</progress> {}/{}',
            job.done,
            job.total,
            job.percent,
            job.done,
            job.total,
        )

    def has_retry_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("claims.retry_job")

    @admin.action(description=_("Retry failed jobs"), permissions=["retry"])
    def retry(self, request: HttpRequest, queryset: QuerySet[Job]) -> None:
        retried, refused = 0, []
        for job in queryset:
            try:
                services.job_retry(job=job, by=actor(request))
                retried += 1
            except (ValidationError, PermissionDenied) as exc:
                refused.append(f"{job}: {error_text(exc)}")
        if retried:
            self.message_user(
                request,
                ngettext("%(n)d job queued again.", "%(n)d jobs queued again.", retried)
                % {"n": retried},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(request, "; ".join(refused[:20]), messages.ERROR)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return super().get_actions(request)
