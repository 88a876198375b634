"""The claims list and claim page: columns, search, permissions, and saving
through ``claims.services``."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from claims import services
from claims.models import (
    Claim,
    ClaimQuerySet,
)
from claims.services import ConflictError, WorkflowError
from claims.status import PAGE_STATUSES
from desk.admin.base import (
    error_text,
    status_badge,
)
from desk.admin.capture import EvidenceCaptureAdminMixin
from desk.admin.inlines import (
    AppearanceInline,
    ClaimDateInline,
    CorrectionInline,
    EvidenceInline,
    NoteInline,
    ReviewEventInline,
)
from desk.admin.workflow import ClaimWorkflowAdmin
from desk.filters import (
    ArchivedFilter,
    AssigneeFilter,
    EventYearFilter,
    LanguageFilter,
)
from desk.forms import (
    ClaimAdminForm,
)


@admin.register(Claim)
class ClaimAdmin(EvidenceCaptureAdminMixin, ClaimWorkflowAdmin):
    form = ClaimAdminForm
    list_display = [
        "statement_short",
        "claimant",
        "status_display",
        "verdict",
        "assignee",
        "updated_at",
    ]
    list_display_links = ["statement_short"]
    list_select_related = ["claimant", "verdict", "assignee"]
    list_filter = [
        "status",
        AssigneeFilter,
        "verdict",
        "claimant",
        "tags",
        LanguageFilter,
        EventYearFilter,
        ("created_at", admin.DateFieldListFilter),
        ("published_at", admin.DateFieldListFilter),
        ArchivedFilter,
    ]
    search_fields = ["statement"]  # the real search is get_search_results
    search_help_text = _(
        "Searches statements, quotes, attributions and claimant names or aliases."
    )
    list_per_page = 50
    show_full_result_count = False
    autocomplete_fields = ["claimant", "tags"]
    inlines = [
        ClaimDateInline,
        AppearanceInline,
        EvidenceInline,
        NoteInline,
        CorrectionInline,
        ReviewEventInline,
    ]
    readonly_fields = ["status_display", "workflow", "audit"]
    actions = [
        "assign_to_me",
        "action_start_research",
        "action_submit",
        "action_send_back",
        "action_publish",
        "action_mark_not_checkable",
        "action_retract",
        "archive",
    ]
    fieldsets = [
        (None, {"fields": ["status_display", "workflow"]}),
        (
            _("The claim"),
            {
                "fields": [
                    "statement",
                    "language",
                    "claimant",
                    "attribution",
                    ("made_on_text", "made_on_precision"),
                ]
            },
        ),
        (_("Triage"), {"fields": ["assignee", "checkworthiness", "tags"]}),
        (_("Verdict"), {"fields": ["verdict", "verdict_summary"]}),
        (_("Record"), {"fields": ["audit", "loaded_version"], "classes": ["collapse"]}),
    ]

    # -- list columns --

    @admin.display(description=_("statement"), ordering="statement")
    def statement_short(self, obj: Claim) -> str:
        text = obj.statement
        return text if len(text) <= 110 else f"{text[:107]}…"

    @admin.display(description=_("status"), ordering="status")
    def status_display(self, obj: Claim) -> SafeString:
        badge = status_badge(obj.status)
        if obj.is_archived:
            return format_html("{} <em>{}</em>", badge, _("archived"))
        return badge

    @admin.display(description=_("actions"))
    def workflow(self, obj: Claim) -> SafeString:
        if not obj.pk:
            return format_html("{}", _("Save the claim first."))
        request = self._request
        links = [
            (
                reverse("admin:claims_claim_transition", args=[obj.pk, t.name]),
                t.name,
                t.label,
            )
            for t in services.transitions_for(claim=obj, user=request.user)
        ]
        parts = format_html_join(
            " ",
            '<a class="button cd-transition" href="{}" data-transition="{}">{}</a>',
            links,
        )
        if obj.status in PAGE_STATUSES:
            parts = format_html(
                '{} <a href="{}" target="_blank">{}</a>',
                parts,
                obj.get_absolute_url(),
                _("public page"),
            )
        return parts or format_html("{}", _("No workflow action is open to you now."))

    @admin.display(description=_("record"))
    def audit(self, obj: Claim) -> str:
        if not obj.pk:
            return "—"
        return str(
            _(
                "Captured by %(c)s on %(ca)s; last changed by %(u)s on %(ua)s; "
                "version %(v)d."
            )
            % {
                "c": obj.created_by or "—",
                "ca": f"{obj.created_at:%Y-%m-%d %H:%M}",
                "u": obj.updated_by or "—",
                "ua": f"{obj.updated_at:%Y-%m-%d %H:%M}",
                "v": obj.version,
            }
        )

    # -- querysets, search, permissions --

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .select_related("claimant", "verdict", "assignee")
        )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        term = search_term.strip()[:200]
        if not term:
            return queryset, False
        # Full-text through the stored, indexed vector on PostgreSQL (substring
        # matching on SQLite): icontains over a million claims takes seconds.
        return cast(ClaimQuerySet, queryset).search(term), False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status in PAGE_STATUSES:
            fields += list(services.LOCKED_WHEN_PUBLIC)
        return fields

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        self._request = request  # the workflow column needs the user
        return super().get_form(request, obj, change, **kwargs)

    def get_inlines(self, request: HttpRequest, obj: Any) -> list[Any]:
        if obj is None:  # history and corrections exist only once saved
            return [ClaimDateInline, AppearanceInline, EvidenceInline, NoteInline]
        return list(self.inlines)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def view_on_site(self, obj: Claim) -> str | None:  # type: ignore[override]
        if obj.status in PAGE_STATUSES:
            return obj.get_absolute_url()
        return None

    # -- saving through the services --

    def save_model(self, request: HttpRequest, obj: Claim, form: Any, change: bool):
        services.claim_save(
            claim=obj,
            by=request.user,
            expected_version=form.cleaned_data.get("loaded_version")
            if change
            else None,
        )

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ConflictError, WorkflowError, PermissionDenied) as exc:
            # Raised inside the admin's transaction, so nothing was saved.
            self.message_user(request, error_text(exc), messages.ERROR)
            return HttpResponseRedirect(request.path)

    def delete_model(self, request: HttpRequest, obj: Claim) -> None:
        services.claim_delete(claim=obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for claim in queryset:
            services.claim_delete(claim=claim, by=request.user)
