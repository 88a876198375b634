"""CSV of the claims list: the selected claims (an action) or the whole filtered
list (a link beside the filters), streamed row by row."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import (
    HttpRequest,
    HttpResponseBase,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.links import site_url
from claims.models import Appearance, Claim

#: Rows read per query batch.
CHUNK_SIZE = 500

COLUMNS = [
    gettext_lazy("id"),
    gettext_lazy("URL"),
    gettext_lazy("statement"),
    gettext_lazy("claimant"),
    gettext_lazy("made on"),
    gettext_lazy("event dates"),
    gettext_lazy("verdict"),
    gettext_lazy("verdict summary"),
    gettext_lazy("status"),
    gettext_lazy("tags"),
    gettext_lazy("first appearance"),
    gettext_lazy("first appearance published on"),
    gettext_lazy("first published"),
    gettext_lazy("last corrected"),
]


def safe_cell(value: object) -> str:
    """A spreadsheet cell that cannot run as a formula: text starting with = + - @
    (or a tab or carriage return) gets a leading apostrophe."""
    text = "" if value is None else str(value)
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


def claim_row(claim: Claim) -> list[str]:
    first = next(
        (
            a
            for a in getattr(claim, "csv_appearances", [])
            if not claim.is_later_sighting(a)
        ),
        None,
    )
    corrections = claim.corrections.all()
    corrected = corrections[len(corrections) - 1].created_at if corrections else None
    cells: list[object] = [
        claim.pk,
        site_url(claim.get_absolute_url()) if claim.is_public else "",
        claim.statement,
        claim.claimant.name if claim.claimant else "",
        claim.made.iso() if claim.made else "",
        "; ".join(d.display() for d in claim.dates.all()),
        claim.verdict.label if claim.verdict else "",
        claim.verdict_summary,
        claim.get_status_display(),
        ", ".join(t.name for t in claim.tags.all()),
        first.document.url or first.document.title if first else "",
        first.document.published_on.isoformat()
        if first and first.document.published_on
        else "",
        claim.published_at.isoformat(timespec="seconds") if claim.published_at else "",
        corrected.isoformat(timespec="seconds") if corrected else "",
    ]
    return [safe_cell(c) for c in cells]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_rows(claims: QuerySet[Claim]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so spreadsheet programs read the file as UTF-8
    yield writer.writerow([str(c) for c in COLUMNS])
    rows = (
        claims.select_related("claimant", "verdict")
        .prefetch_related(
            "tags",
            "dates",
            "corrections",
            Prefetch(
                "appearances",
                queryset=Appearance.objects.order_by_first(),
                to_attr="csv_appearances",
            ),
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for claim in rows:
        yield writer.writerow(claim_row(claim))


def csv_response(claims: QuerySet[Claim]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        csv_rows(claims), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="claims-{stamp}.csv"'
    return response


class ClaimCSVExportMixin(admin.ModelAdmin):
    """Adds "Export selected as CSV" and "Download CSV of this list" (the
    changelist's own filtered, searched queryset) to the claims admin."""

    change_list_template = "admin/claims/claim/change_list.html"

    def get_urls(self) -> list[Any]:
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "export.csv",
                self.admin_site.admin_view(self.export_csv_view),
                name="{}_{}_export_csv".format(*info),
            ),
            *super().get_urls(),
        ]

    @admin.action(description=gettext_lazy("Export selected as CSV"))
    def export_csv(
        self, request: HttpRequest, queryset: QuerySet[Claim]
    ) -> HttpResponseBase:
        return csv_response(queryset.order_by("pk"))

    def export_csv_view(self, request: HttpRequest) -> HttpResponseBase:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            self.message_user(
                request,
                _("The list's filters are not valid, so no CSV was made."),
                messages.ERROR,
            )
            return HttpResponseRedirect(
                reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"
                )
            )
        return csv_response(changelist.get_queryset(request))

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> Any:
        context = dict(extra_context or {})
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_export_csv")
        query = request.GET.urlencode()
        context["export_csv_url"] = f"{url}?{query}" if query else url
        return super().changelist_view(request, context)


def rows_of(lines: Iterable[str]) -> list[list[str]]:
    """Parse CSV text chunks back into rows (for tests and scripts)."""
    return list(csv.reader("".join(lines).lstrip("\ufeff").splitlines()))
