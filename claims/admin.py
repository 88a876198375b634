"""The fact-checkers' and editors' desk.

The admin only gathers input and shows results: every status, verdict or assignment
change calls a function in ``claims.services``, which checks permission and state and
writes the review history.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models as dj_models
from django.db.models import Count, Max, Min, QuerySet
from django.forms import BaseInlineFormSet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .forms import (
    AppearanceForm,
    ClaimAdminForm,
    ClaimDateForm,
    CorrectionForm,
    TransitionForm,
)
from .models import (
    Appearance,
    Claim,
    ClaimDate,
    ClaimQuerySet,
    Correction,
    Document,
    DocumentQuerySet,
    Evidence,
    Note,
    Rating,
    ReviewEvent,
    Source,
    SourceAlias,
    Status,
    Tag,
)
from .services import TRANSITIONS, ConflictError, WorkflowError

STATUS_COLOURS = {
    Status.NEW: "#64748b",
    Status.RESEARCHING: "#2563eb",
    Status.IN_REVIEW: "#b45309",
    Status.PUBLISHED: "#15803d",
    Status.NOT_CHECKABLE: "#6b7280",
    Status.CORRECTED: "#0f766e",
    Status.RETRACTED: "#991b1b",
}


def status_badge(status: str) -> SafeString:
    return format_html(
        '<span class="cd-badge" style="background:{}">{}</span>',
        STATUS_COLOURS.get(Status(status), "#64748b"),
        Status(status).label,
    )


def error_text(exc: ValidationError | PermissionDenied) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or str(_("You do not have permission to do this."))


#: URLs typed without a scheme are taken as https (Django 6's default).
HTTPS_URLS: dict[Any, dict[str, Any]] = {dj_models.URLField: {"assume_scheme": "https"}}


class BaseAdmin(admin.ModelAdmin):
    """Refuses regular-expression lookups in the URL (``?status__regex=(a``): the
    stock admin allows any lookup on a filtered field, and a bad pattern is a 500."""

    def lookup_allowed(self, lookup: str, value: str, request: Any = None) -> bool:
        if lookup.endswith(("__regex", "__iregex")):
            return False
        return super().lookup_allowed(lookup, value, request)

    formfield_overrides = HTTPS_URLS


# --- Filters ------------------------------------------------------------------------


class AssigneeFilter(admin.SimpleListFilter):
    title = _("assignee")
    parameter_name = "assignee"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        from django.contrib.auth import get_user_model

        users = (
            get_user_model()
            .objects.filter(is_active=True, is_staff=True)
            .order_by("username")
            .values_list("pk", "username")
        )
        return [
            ("me", str(_("Assigned to me"))),
            ("none", str(_("Unassigned"))),
            *[(str(pk), name) for pk, name in users],
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value == "me":
            return queryset.filter(assignee=request.user)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        if value and value.isdigit() and int(value) < 2**63:  # a valid row id
            return queryset.filter(assignee_id=int(value))
        return queryset


class LanguageFilter(admin.SimpleListFilter):
    """Fixed choices, so the list never runs SELECT DISTINCT over all claims."""

    title = _("language")
    parameter_name = "language"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        from django.conf import settings

        return list(getattr(settings, "CLAIMDESK_CONTENT_LANGUAGES", []))

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value():
            return queryset.filter(language=self.value())
        return queryset


class EventYearFilter(admin.SimpleListFilter):
    title = _("event year")
    parameter_name = "event_year"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        """Years, or decades when the dates span more than fifteen years. Built from
        the earliest and latest date (two index lookups), not a DISTINCT scan."""
        bounds = ClaimDate.objects.aggregate(first=Min("start"), last=Max("start"))
        if bounds["first"] is None:
            return []
        first, last = bounds["first"].year, bounds["last"].year
        if last - first <= 15:
            return [(str(y), str(y)) for y in range(last, first - 1, -1)]
        decades = range(last - last % 10, first - first % 10 - 1, -10)
        return [(f"{d}s", f"{d}s") for d in decades]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value() or ""
        decade = value.endswith("s")
        digits = value[:-1] if decade else value
        if not (digits.isdigit() and len(digits) == 4):
            return queryset
        start = int(digits)
        end = start + (10 if decade else 1)
        if start < dt.MINYEAR or end > dt.MAXYEAR:
            return queryset.none()
        dated = ClaimDate.objects.filter(
            start__gte=dt.date(start, 1, 1), start__lt=dt.date(end, 1, 1)
        )
        return queryset.filter(pk__in=dated.values("claim_id"))


class ArchivedFilter(admin.SimpleListFilter):
    """Archived items are hidden unless asked for."""

    title = _("archived")
    parameter_name = "archived"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", str(_("Archived only"))), ("all", str(_("All")))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(is_archived=True)
        if self.value() == "all":
            return queryset
        return queryset.filter(is_archived=False)


# --- Inlines ------------------------------------------------------------------------


class StampedInlineFormSet(BaseInlineFormSet):
    """Stamps who added a row (``stamp_field``) from the request's user."""

    stamp_field = ""
    user: Any = None

    def save_new(self, form: Any, commit: bool = True) -> Any:
        obj = super().save_new(form, commit=False)
        if self.stamp_field:
            setattr(obj, self.stamp_field, self.user)
        if commit:
            obj.save()
        return obj


def stamped(field: str) -> type[StampedInlineFormSet]:
    return type(
        f"Stamped{field}FormSet", (StampedInlineFormSet,), {"stamp_field": field}
    )


class StampingInlineMixin:
    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)  # type: ignore[misc]
        formset.user = request.user
        return formset


class ClaimDateInline(admin.TabularInline):
    model = ClaimDate
    form = ClaimDateForm
    extra = 0
    verbose_name_plural = _("dates (events and reports)")


class AppearanceInline(StampingInlineMixin, admin.TabularInline):
    model = Appearance
    form = AppearanceForm
    formset = stamped("created_by")
    extra = 0
    autocomplete_fields = ["document"]
    fields = ["document", "quote", "start", "end"]


class EvidenceInline(StampingInlineMixin, admin.StackedInline):
    model = Evidence
    formset = stamped("added_by")
    formfield_overrides = HTTPS_URLS
    extra = 0
    autocomplete_fields = ["document", "source"]
    fields = [
        ("stance", "accessed_on", "is_archived"),
        "url",
        "archive_url",
        ("document", "source"),
        "excerpt",
        "added_by_display",
    ]
    readonly_fields = ["added_by_display"]

    @admin.display(description=_("added"))
    def added_by_display(self, obj: Evidence) -> str:
        if not obj.pk:
            return "—"
        return f"{obj.added_by or '—'}, {obj.added_at:%Y-%m-%d %H:%M}"


class NoteInline(StampingInlineMixin, admin.StackedInline):
    model = Note
    formset = stamped("author")
    extra = 0
    fields = ["body", "is_public", "written"]
    readonly_fields = ["written"]

    @admin.display(description=_("written"))
    def written(self, obj: Note) -> str:
        if not obj.pk:
            return "—"
        return f"{obj.author or '—'}, {obj.created_at:%Y-%m-%d %H:%M}"


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReviewEventInline(ReadOnlyInline):
    model = ReviewEvent
    readonly_fields = fields = (
        "created_at",
        "actor",
        "action",
        "from_status",
        "to_status",
        "to_verdict",
        "comment",
    )
    verbose_name_plural = _("review history")
    ordering = ["-created_at", "-pk"]


class CorrectionInline(ReadOnlyInline):
    model = Correction
    readonly_fields = fields = (
        "created_at",
        "created_by",
        "previous_verdict",
        "new_verdict",
        "note",
    )


# --- Claims -------------------------------------------------------------------------


@admin.register(Claim)
class ClaimAdmin(BaseAdmin):
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
        if obj.status in (Status.PUBLISHED, Status.CORRECTED, Status.RETRACTED):
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
        if obj is not None and obj.status in (
            Status.PUBLISHED,
            Status.CORRECTED,
            Status.RETRACTED,
        ):
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
        if obj.status in (Status.PUBLISHED, Status.CORRECTED, Status.RETRACTED):
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

    # -- workflow: one claim --

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<path:object_id>/transition/<str:name>/",
                self.admin_site.admin_view(self.transition_view),
                name="claims_claim_transition",
            ),
            *super().get_urls(),
        ]

    def transition_view(
        self, request: HttpRequest, object_id: str, name: str
    ) -> HttpResponse:
        """Confirm a workflow action on one claim, with its comment or correction."""
        if name not in TRANSITIONS or not object_id.isdigit():
            raise Http404
        claim = get_object_or_404(Claim.objects.select_related("verdict"), pk=object_id)
        transition = TRANSITIONS[name]
        if not self.has_view_permission(request, claim):
            raise PermissionDenied
        change_url = reverse("admin:claims_claim_change", args=[claim.pk])
        is_correction = name == "correct"
        form: CorrectionForm | TransitionForm
        if request.method == "POST":
            if is_correction:
                form = CorrectionForm(request.POST)
            else:
                form = TransitionForm(
                    request.POST, comment_required=transition.comment_required
                )
            if form.is_valid():
                try:
                    if is_correction:
                        services.claim_correct(
                            claim=claim,
                            by=request.user,
                            note=form.cleaned_data["note"],
                            verdict=form.cleaned_data["verdict"],
                            summary=form.cleaned_data["summary"] or None,
                        )
                    else:
                        services.claim_transition(
                            claim=claim,
                            by=request.user,
                            name=name,
                            comment=form.cleaned_data["comment"],
                            expected_version=form.cleaned_data.get("version"),
                        )
                except (WorkflowError, ConflictError, PermissionDenied) as exc:
                    form.add_error(None, error_text(exc))
                else:
                    self.message_user(
                        request,
                        _("%(action)s: done. The claim is now %(status)s.")
                        % {
                            "action": transition.label,
                            "status": claim.get_status_display(),
                        },
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(change_url)
        elif is_correction:
            form = CorrectionForm(
                initial={"verdict": claim.verdict, "summary": claim.verdict_summary}
            )
        else:
            form = TransitionForm(
                initial={"version": claim.version},
                comment_required=transition.comment_required,
            )
        allowed = claim.status in transition.sources and request.user.has_perm(
            transition.permission
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"{transition.label}: {claim}",
            "opts": self.opts,
            "claim": claim,
            "transition": transition,
            "form": form,
            "allowed": allowed,
            "change_url": change_url,
            "status_badge": status_badge(claim.status),
            "target_badge": status_badge(transition.target),
        }
        return TemplateResponse(request, "admin/claims/claim/transition.html", context)

    # -- workflow: bulk actions --

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        for name, transition in TRANSITIONS.items():
            key = f"action_{name}"
            if key in actions and not request.user.has_perm(transition.permission):
                del actions[key]
        if not request.user.has_perm("claims.archive_claim"):
            actions.pop("archive", None)
        if not request.user.has_perm("claims.change_claim"):
            actions.pop("assign_to_me", None)
        return actions

    def _bulk(
        self, request: HttpRequest, queryset: QuerySet, name: str
    ) -> HttpResponse | None:
        transition = TRANSITIONS[name]
        comment = ""
        if transition.comment_required:
            form = TransitionForm(
                request.POST if "apply" in request.POST else None,
                comment_required=True,
            )
            if not form.is_bound or not form.is_valid():
                context = {
                    **self.admin_site.each_context(request),
                    "title": transition.label,
                    "opts": self.opts,
                    "claims": queryset,
                    "form": form,
                    "action": f"action_{name}",
                    "transition": transition,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                }
                return TemplateResponse(
                    request, "admin/claims/claim/bulk_transition.html", context
                )
            comment = form.cleaned_data["comment"]
        self._apply_each(
            request,
            queryset,
            transition.label,
            lambda claim: services.claim_transition(
                claim=claim, by=request.user, name=name, comment=comment
            ),
        )
        return None

    def _apply_each(
        self, request: HttpRequest, queryset: QuerySet, label: Any, apply: Any
    ) -> None:
        done, refused = 0, []
        for claim in queryset:
            try:
                apply(claim)
                done += 1
            except (WorkflowError, ConflictError, PermissionDenied) as exc:
                refused.append(f"#{claim.pk}: {error_text(exc)}")
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(action)s: %(n)d claim done.",
                    "%(action)s: %(n)d claims done.",
                    done,
                )
                % {"action": label, "n": done},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                format_html(
                    "{} {}",
                    ngettext(
                        "%(n)d claim refused:", "%(n)d claims refused:", len(refused)
                    )
                    % {"n": len(refused)},
                    "; ".join(refused[:20]),
                ),
                messages.ERROR,
            )

    @admin.action(description=_("Assign to me"))
    def assign_to_me(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply_each(
            request,
            queryset,
            _("Assign to me"),
            lambda claim: services.claim_assign(
                claim=claim, by=request.user, assignee=request.user
            ),
        )

    @admin.action(description=_("Archive (hide, keep history)"))
    def archive(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply_each(
            request,
            queryset,
            _("Archive"),
            lambda claim: services.claim_archive(claim=claim, by=request.user),
        )

    @admin.action(description=TRANSITIONS["start_research"].label)
    def action_start_research(self, request: HttpRequest, queryset: QuerySet) -> Any:
        return self._bulk(request, queryset, "start_research")

    @admin.action(description=TRANSITIONS["submit"].label)
    def action_submit(self, request: HttpRequest, queryset: QuerySet) -> Any:
        return self._bulk(request, queryset, "submit")

    @admin.action(description=TRANSITIONS["send_back"].label)
    def action_send_back(self, request: HttpRequest, queryset: QuerySet) -> Any:
        return self._bulk(request, queryset, "send_back")

    @admin.action(description=TRANSITIONS["publish"].label)
    def action_publish(self, request: HttpRequest, queryset: QuerySet) -> Any:
        return self._bulk(request, queryset, "publish")

    @admin.action(description=TRANSITIONS["mark_not_checkable"].label)
    def action_mark_not_checkable(
        self, request: HttpRequest, queryset: QuerySet
    ) -> Any:
        return self._bulk(request, queryset, "mark_not_checkable")

    @admin.action(description=TRANSITIONS["retract"].label)
    def action_retract(self, request: HttpRequest, queryset: QuerySet) -> Any:
        return self._bulk(request, queryset, "retract")


# --- Documents ----------------------------------------------------------------------


class DocumentAppearanceInline(ReadOnlyInline):
    model = Appearance
    readonly_fields = fields = ("claim_link", "quote", "start", "end")
    verbose_name_plural = _("claims quoted in this document")

    @admin.display(description=_("claim"))
    def claim_link(self, obj: Appearance) -> SafeString:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:claims_claim_change", args=[obj.claim_id]),
            obj.claim,
        )


@admin.register(Document)
class DocumentAdmin(BaseAdmin):
    list_display = [
        "title",
        "publisher",
        "language",
        "published_on",
        "quoted",
        "created_at",
    ]
    list_select_related = ["publisher"]
    list_filter = [
        "language",
        ("published_on", admin.DateFieldListFilter),
        ArchivedFilter,
    ]
    search_fields = ["title", "url", "publisher__name"]
    autocomplete_fields = ["publisher"]
    readonly_fields = ["highlighted_text", "text_sha256", "created_by", "created_at"]
    inlines = [DocumentAppearanceInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "url",
                    "publisher",
                    "authors",
                    "published_on",
                    "language",
                ]
            },
        ),
        (_("Text"), {"fields": ["highlighted_text", "text"]}),
        (
            _("Provenance"),
            {
                "fields": [
                    "retrieved_at",
                    "archive_url",
                    "text_sha256",
                    "created_by",
                    "created_at",
                    "is_archived",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        documents = cast(DocumentQuerySet, super().get_queryset(request))
        return documents.with_appearance_count()

    @admin.display(description=_("quoted claims"), ordering="appearance_count")
    def quoted(self, obj: Document) -> int:
        return getattr(obj, "appearance_count", 0)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.appearances.exists():
            fields.append("text")
        return fields

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is None:  # nothing to highlight yet
            return [
                (
                    None,
                    {
                        "fields": [
                            "title",
                            "url",
                            "publisher",
                            "authors",
                            "published_on",
                            "language",
                            "text",
                        ]
                    },
                ),
                (_("Provenance"), {"fields": ["retrieved_at", "archive_url"]}),
            ]
        fieldsets = super().get_fieldsets(request, obj)
        if obj.appearances.exists():  # frozen: the highlighted copy is enough
            return [
                (name, {**opts, "fields": [f for f in opts["fields"] if f != "text"]})
                for name, opts in fieldsets
            ]
        return fieldsets

    @admin.display(description=_("text with quoted passages"))
    def highlighted_text(self, obj: Document) -> SafeString:
        """The document's text with each quoted passage marked and linked to its
        claim. Overlapping quotes are clipped so the text is shown exactly once."""
        if not obj.pk:
            return mark_safe("")
        text = obj.text
        pieces: list[str] = []
        cursor = 0
        for appearance in obj.appearances.order_by("start", "end"):
            start = max(appearance.start, cursor)
            if start >= appearance.end:
                continue
            pieces.append(escape(text[cursor:start]))
            pieces.append(
                format_html(
                    '<mark title="{}"><a href="{}">{}</a></mark>',
                    appearance.claim,
                    reverse("admin:claims_claim_change", args=[appearance.claim_id]),
                    text[start : appearance.end],
                )
            )
            cursor = appearance.end
        pieces.append(escape(text[cursor:]))
        return format_html(
            '<div class="cd-document-text">{}</div>', mark_safe("".join(pieces))
        )

    def save_model(self, request: HttpRequest, obj: Document, form: Any, change: bool):
        services.document_save(document=obj, by=request.user)


# --- Sources, ratings, tags ---------------------------------------------------------


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    extra = 1


@admin.register(Source)
class SourceAdmin(BaseAdmin):
    list_display = ["name", "kind", "country", "claim_count", "alias_list"]
    list_filter = ["kind", ArchivedFilter]
    search_fields = ["name", "aliases__name"]
    readonly_fields = ["claims_made"]
    inlines = [SourceAliasInline]
    fields = [
        "name",
        "kind",
        "country",
        "homepage",
        "description",
        "is_archived",
        "claims_made",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .annotate(claim_count=Count("claims", distinct=True))
            .prefetch_related("aliases")
        )

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        term = search_term.strip()[:200]
        if not term:
            return queryset, False
        return queryset.filter(pk__in=Source.objects.search(term).values("pk")), False

    @admin.display(description=_("claims"), ordering="claim_count")
    def claim_count(self, obj: Source) -> int:
        return getattr(obj, "claim_count", 0)

    @admin.display(description=_("aliases"))
    def alias_list(self, obj: Source) -> str:
        return ", ".join(a.name for a in obj.aliases.all())

    @admin.display(description=_("claims by this source"))
    def claims_made(self, obj: Source) -> SafeString:
        if not obj.pk:
            return mark_safe("—")
        claims = obj.claims.select_related("verdict").order_by("-updated_at")[:100]
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a> {} {}</li>',
            (
                (
                    reverse("admin:claims_claim_change", args=[c.pk]),
                    c,
                    status_badge(c.status),
                    c.verdict or "",
                )
                for c in claims
            ),
        )
        return format_html("<ul>{}</ul>", rows) if rows else mark_safe("—")


@admin.register(Rating)
class RatingAdmin(BaseAdmin):
    list_display = ["label", "swatch", "value", "order", "description", "is_active"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["label"]}

    @admin.display(description=_("colour"))
    def swatch(self, obj: Rating) -> SafeString:
        return format_html(
            '<span class="cd-badge" style="background:{}">{}</span>',
            obj.colour,
            obj.label,
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(Tag)
class TagAdmin(BaseAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    readonly_fields = ["slug"]


class ViewOnlyAdmin(BaseAdmin):
    """History is append-only: nobody, superusers included, edits or deletes it."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReviewEvent)
class ReviewEventAdmin(ViewOnlyAdmin):
    list_display = [
        "created_at",
        "actor",
        "action",
        "claim_ref",
        "from_status",
        "to_status",
        "to_verdict",
    ]
    list_select_related = ["actor", "to_verdict"]
    list_filter = ["action", "to_status", ("created_at", admin.DateFieldListFilter)]
    search_fields = ["claim_ref", "comment"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}


@admin.register(Correction)
class CorrectionAdmin(ViewOnlyAdmin):
    list_display = [
        "created_at",
        "claim",
        "previous_verdict",
        "new_verdict",
        "created_by",
    ]
    list_select_related = ["claim", "previous_verdict", "new_verdict", "created_by"]
    search_fields = ["note", "claim__statement"]

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}
