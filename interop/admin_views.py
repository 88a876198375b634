"""The admin's "Import fact-checks" screen: upload a file, follow its job."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .forms import FactChecksImportForm
from .jobs import fact_checks_import_start

PERMISSIONS = ("claims.add_claim",)


def import_fact_checks(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perms(PERMISSIONS):
        raise PermissionDenied
    form = FactChecksImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        job = fact_checks_import_start(
            by=request.user,
            upload=upload,
            filename=upload.name or "",
            format=data["format"],
            mapping=data["mapping"],
            dataset=data.get("dataset") or "",
            delimiter=data["delimiter"],
            language=data["language"],
        )
        messages.success(
            request,
            _(
                "The file is being imported in the background: this page shows its "
                "progress and, when it is done, the report."
            ),
        )
        return redirect(reverse("admin:claims_job_change", args=[job.pk]))
    return render(
        request,
        "interop/import_form.html",
        {
            **admin.site.each_context(request),
            "title": _("Import fact-checks"),
            "form": form,
        },
    )
