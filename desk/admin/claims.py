"""The claims list and claim page: columns, search, permissions, and saving
through ``claims.services``."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from claims import services
from claims.models import (
    Claim,
    ClaimQuerySet,
    ClaimTranslation,
    Correction,
    ExternalId,
    ReviewEvent,
    SavedFilter,
    Watch,
)
from claims.models.translations import primary_language, site_languages
from claims.pages import CARD_ROWS
from claims.services import TRANSITIONS, ConflictError, WorkflowError
from claims.status import PAGE_STATUSES
from desk.admin.base import (
    actor,
    error_text,
    rendering_request,
    reusable,
    reused_class,
    status_badge,
    wants_blank_rows,
)
from desk.admin.capture import EvidenceCaptureAdminMixin
from desk.admin.duplicates import DuplicatesAdminMixin
from desk.admin.export import ClaimCSVExportMixin
from desk.admin.frozen import (
    CORRECTED_FIELDS,
    FROZEN_FORM_FIELDS,
    CorrectionModeForm,
    is_correcting,
    is_frozen_for,
)
from desk.admin.inlines import (
    INLINE_SAVES,
    AppearanceInline,
    ClaimDateInline,
    ClaimTranslationInline,
    EvidenceInline,
    NoteInline,
)
from desk.admin.merge import ClaimMergeAdmin
from desk.admin.workflow import ClaimWorkflowAdmin
from desk.filters import (
    ArchivedFilter,
    AssigneeFilter,
    ClaimantFilter,
    EventYearFilter,
    LanguageFilter,
    TagFilter,
    TranslationFilter,
)
from desk.forms import (
    ClaimAdminForm,
)
from desk.history import HistoryAdmin, related_history
from desk.pagination import EstimatedCountPaginator


@admin.register(Claim)
class ClaimAdmin(
    ClaimMergeAdmin,
    DuplicatesAdminMixin,
    ClaimCSVExportMixin,
    HistoryAdmin,
    EvidenceCaptureAdminMixin,
    ClaimWorkflowAdmin,
):
    form = ClaimAdminForm
    list_display = [
        "statement_short",
        "claimant",
        "status_display",
        "verdict",
        "assignee",
        "checkworthiness_display",
        "translations_missing",
        "updated_at",
    ]
    list_display_links = ["statement_short"]
    list_select_related = ["claimant", "verdict", "assignee"]
    #: bookmarks from when claimant and tag were lists of links (ids)
    url_lookups = ("claimant__id__exact", "tags__id__exact")
    list_filter = [
        "status",
        AssigneeFilter,
        "verdict",  # the rating scale: a dozen rows
        ClaimantFilter,  # typed, not listed: there are tens of thousands
        TagFilter,
        LanguageFilter,
        TranslationFilter,
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
    # No COUNT(*) over every claim: one capped count, else the planner's estimate.
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    autocomplete_fields = ["claimant", "tags"]
    inlines = [
        ClaimTranslationInline,
        ClaimDateInline,
        AppearanceInline,
        EvidenceInline,
        NoteInline,
    ]
    change_form_template = "admin/claims/claim/change_form.html"
    #: the newest review events the claim page lists: a claim's history only grows
    EVENTS_SHOWN = 50
    readonly_fields = [
        "status_display",
        "workflow",
        "audit",
        "attribution_shown",
        "merges",
        "possible_duplicates",
    ]
    actions = [
        "assign_to_me",
        "assign_to",
        "action_start_research",
        "action_submit",
        "action_send_back",
        "action_publish",
        "action_mark_not_checkable",
        "action_retract",
        "archive",
        "restore",
        "merge_selected",
        "export_csv",
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
                    "speech",
                    "attribution_shown",
                    ("made_on_text", "made_on_precision"),
                ]
            },
        ),
        (_("Possible duplicates"), {"fields": ["possible_duplicates"]}),
        (
            _("Triage"),
            {"fields": [("assignee", "due_on"), "checkworthiness", "tags"]},
        ),
        (_("Verdict"), {"fields": ["verdict", "verdict_summary"]}),
        (_("Record"), {"fields": ["audit", "loaded_version"], "classes": ["collapse"]}),
        (_("Merges"), {"fields": ["merges"]}),
    ]

    @admin.display(description=_("attribution as shown"))
    def attribution_shown(self, obj: Claim) -> str:
        """The stored parts worded in this user's language, as readers see them."""
        return obj.attribution_text or "–"

    # -- list columns --

    @admin.display(description=_("statement"), ordering="statement")
    def statement_short(self, obj: Claim) -> str:
        text = obj.statement
        return text if len(text) <= 110 else f"{text[:107]}…"

    @admin.display(description=_("translations missing"))
    def translations_missing(self, obj: Claim) -> str:
        """The site languages the claim's statement still needs a translation
        into ("–" when none): read from ``get_queryset``'s prefetch."""
        written = {t.language for t in getattr(obj, "written_translations", [])}
        own = primary_language(obj.language)
        missing = [
            code for code in site_languages() if code != own and code not in written
        ]
        return ", ".join(missing) or "–"

    @admin.display(description=_("check-worthiness"), ordering="checkworthiness")
    def checkworthiness_display(self, obj: Claim) -> str:
        """The score (0-1) the importer or a person gave, sortable."""
        value = obj.checkworthiness
        return "–" if value is None else f"{value:.2f}"

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
        request = rendering_request()
        if request is None:  # not on a change form
            return mark_safe("—")
        # Submit buttons of the change form: the page's edits are saved first (with
        # the version check), then the transition's confirmation page opens. A save
        # that fails keeps the form and its errors; nothing typed is thrown away.
        buttons = [
            (t.name, t.name, t.label)
            for t in services.transitions_for(claim=obj, user=actor(request))
        ]
        parts = format_html_join(
            " ",
            '<button type="submit" class="button cd-transition" name="_transition" '
            'value="{}" data-transition="{}">{}</button>',
            buttons,
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
            .prefetch_related(
                Prefetch(
                    "translations",
                    queryset=ClaimTranslation.objects.written().only(
                        "pk", "claim_id", "language"
                    ),
                    to_attr="written_translations",
                )
            )
        )

    def get_object(
        self, request: HttpRequest, object_id: str, from_field: str | None = None
    ) -> Claim | None:
        """The claim of the change page, with the users its record names,
        whether this user watches it and whether it is in any merge (not the
        list's translations column)."""
        numeric = object_id.isdecimal() and int(object_id) < 2**63
        if from_field is not None or not numeric:
            return super().get_object(request, object_id, from_field)
        watches = Watch.objects.filter(claim=OuterRef("pk"), user=actor(request))
        return (
            super()
            .get_queryset(request)
            .select_related("claimant", "verdict", "assignee")
            .select_related("created_by", "updated_by")
            .annotate(watching=Exists(watches))
            .with_merge_flag()
            .filter(pk=int(object_id))
            .first()
        )

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> Any:
        if db_field.name == "assignee":
            # The desk's people, not every account ever made (the form adds
            # whoever is assigned now, so a save keeps them).
            from django.contrib.auth import get_user_model

            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_staff=True, is_active=True)
                .order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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
        if is_frozen_for(request, obj):
            fields += FROZEN_FORM_FIELDS
        elif is_correcting(request, obj):
            # a correction is public only
            fields += ["assignee", "due_on", "checkworthiness"]
        return fields

    @admin.display(description=_("Made on"))
    def made_on_text(self, obj: Claim) -> str:
        return str(obj.made or "–")

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:  # nothing to compare yet
            fieldsets = [
                f for f in fieldsets if "possible_duplicates" not in f[1]["fields"]
            ]
        if is_correcting(request, obj):
            fieldsets.insert(1, (_("Correction"), {"fields": ["correction_note"]}))
        return fieldsets

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if is_correcting(request, obj):
            kwargs["form"] = CorrectionModeForm
        build = super().get_form
        if reusable(request):  # a page to read: its class may serve others
            return reused_class(
                self,
                request,
                obj,
                kwargs,
                ("form", change),
                lambda: build(request, obj, change, **kwargs),
            )
        form = cast(type[ClaimAdminForm], build(request, obj, change, **kwargs))
        form.actor = actor(request)  # a fresh class per call (modelform_factory)
        return form

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def view_on_site(self, obj: Claim) -> str | None:  # type: ignore[override]
        if obj.status in PAGE_STATUSES:
            return obj.get_absolute_url()
        return None

    # -- history --

    object_history_template = "admin/claims/claim/object_history.html"

    def is_public(self, obj: Claim) -> bool:
        return obj.status in PAGE_STATUSES

    def history_view(
        self,
        request: HttpRequest,
        object_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        context = dict(extra_context or {})
        if object_id.isdecimal() and int(object_id) < 2**63:
            context["related_history"] = related_history(int(object_id))
        return super().history_view(request, object_id, context)

    # -- saving through the services --

    def save_model(self, request: HttpRequest, obj: Claim, form: Any, change: bool):
        if is_correcting(request, obj):
            # Saved with the inline rows by one claim_correct call (save_related).
            request._correction = {"rows": [], "deleted": []}  # type: ignore[attr-defined]
            return
        if change and not form.has_changed():
            return  # e.g. a workflow button pressed on an untouched page
        services.claim_save(
            claim=obj,
            by=actor(request),
            expected_version=form.cleaned_data.get("loaded_version")
            if change
            else None,
        )

    def save_formset(
        self, request: HttpRequest, form: Any, formset: Any, change: bool
    ) -> None:
        """Inline rows are saved and deleted by the services, which check the
        permission and stamp a new row with who added it."""
        save = INLINE_SAVES.get(formset.model)
        if save is None:  # the read-only corrections and history
            super().save_formset(request, form, formset, change)
            return
        by = actor(request)
        rows = formset.save(commit=False)  # deletes nothing, saves nothing yet
        pending = getattr(request, "_correction", None)
        if pending is not None:  # a correction: one service call for everything
            pending["rows"] += rows
            pending["deleted"] += formset.deleted_objects
            return
        for row in formset.deleted_objects:
            services.claim_record_delete(record=row, by=by)
        for row in rows:
            save(row, by)
        formset.save_m2m()

    def save_related(
        self, request: HttpRequest, form: Any, formsets: Any, change: bool
    ) -> None:
        pending = getattr(request, "_correction", None)
        if pending is not None:
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)
            claim = form.instance
            services.claim_correct(
                claim=claim,
                by=actor(request),
                note=form.cleaned_data["correction_note"],
                expected_version=form.cleaned_data.get("loaded_version"),
                fields={f: getattr(claim, f) for f in CORRECTED_FIELDS},
                tags=form.cleaned_data.get("tags"),
                rows=pending["rows"],
                deleted=pending["deleted"],
            )
            return
        super().save_related(request, form, formsets, change)
        # Tags and inline rows show on the public page, whoever saved them; tags,
        # dates and translations on its card in other pages' related claims too.
        on_cards = "tags" in form.changed_data or any(
            formset.model._meta.model_name in CARD_ROWS and formset.has_changed()
            for formset in formsets
        )
        services.claim_page_changed(claim=form.instance, on_cards=on_cards)

    def record_tables(self, claim_id: int) -> dict[str, Any]:
        """The claim's corrections and newest review events, shown read-only under
        its inlines as plain tables (as formsets of read-only rows they cost the
        page a hidden input, a permission check and a template per cell). Lazy: a
        saved form redirects without reading them."""
        events = ReviewEvent.objects.filter(claim_id=claim_id)
        return {
            "corrections": Correction.objects.filter(claim_id=claim_id)
            .newest_first()
            .select_related("created_by", "previous_verdict", "new_verdict"),
            "review_events": events.newest_first().select_related(
                "actor", "to_verdict"
            )[: self.EVENTS_SHOWN],
            "review_events_shown": self.EVENTS_SHOWN,
            "review_events_count": events.count,  # called only past the limit
            "review_events_url": reverse("admin:claims_reviewevent_changelist")
            + f"?claim__id__exact={claim_id}",
            # read only for a claim imported from a dataset (the template asks
            # its origin first): what the dataset said of it
            "external_ids": ExternalId.objects.filter(claim_id=claim_id)
            .select_related("rating")
            .order_by("key"),
        }

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if (
            object_id
            and object_id.isdecimal()
            and int(object_id) < 2**63
            and not wants_blank_rows(request)
        ):
            tables = self.record_tables(int(object_id))
            extra_context = {**(extra_context or {}), **tables}
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ConflictError, WorkflowError, PermissionDenied) as exc:
            if request.method != "POST":
                raise  # not a refused save: the page itself is refused (403)
            # Raised inside the admin's transaction, so nothing was saved.
            self.message_user(request, error_text(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def response_change(self, request: HttpRequest, obj: Claim) -> HttpResponse:
        name = request.POST.get("_transition", "")
        if name == "correct":  # the change form itself, with every field open
            url = reverse("admin:claims_claim_change", args=[obj.pk])
            return HttpResponseRedirect(f"{url}?correction=1")
        if name in TRANSITIONS:
            return HttpResponseRedirect(
                reverse("admin:claims_claim_transition", args=[obj.pk, name])
            )
        return super().response_change(request, obj)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> Any:
        context = {
            **(extra_context or {}),
            "saved_filters": SavedFilter.objects.for_user(request.user),
            "current_query": request.GET.urlencode(),
        }
        return super().changelist_view(request, context)

    def delete_model(self, request: HttpRequest, obj: Claim) -> None:
        services.claim_delete(claim=obj, by=actor(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for claim in queryset:
            services.claim_delete(claim=claim, by=actor(request))
