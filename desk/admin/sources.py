"""Sources (claimants and outlets) with their aliases and claims."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from claims import services
from claims.models import (
    Source,
    SourceAlias,
)
from desk.admin.base import (
    ArchiveActionsAdmin,
    actor,
    status_badge,
)
from desk.admin.merge import SourceMergeAdmin
from desk.filters import (
    ArchivedFilter,
)
from desk.forms import ArchivableForm
from desk.history import HistoryAdmin


class SourceAliasInline(admin.TabularInline):
    model = SourceAlias
    extra = 1


@admin.register(Source)
class SourceAdmin(SourceMergeAdmin, HistoryAdmin, ArchiveActionsAdmin):
    form = ArchivableForm
    archive_service = staticmethod(
        lambda source, by: services.source_archive(source=source, by=by)
    )
    restore_service = staticmethod(
        lambda source, by: services.source_restore(source=source, by=by)
    )
    list_display = ["name", "kind", "country", "claim_count", "alias_list"]
    list_filter = ["kind", ArchivedFilter]
    search_fields = ["name", "aliases__name"]
    # Explicit: the claim count's GROUP BY drops the model's default ordering, and
    # the claimant and publisher autocompletes paginate this queryset.
    ordering = ["name", "pk"]
    readonly_fields = ["claims_made", "possible_duplicates"]
    actions = ["archive_selected", "restore_selected", "merge_selected"]
    inlines = [SourceAliasInline]
    fields = [
        "name",
        "kind",
        "country",
        "homepage",
        "description",
        "is_archived",
        "possible_duplicates",
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
        found = queryset.filter(pk__in=Source.objects.search(term).values("pk"))
        # The autocomplete pages its answers: give them an order when none is set.
        return (found if found.ordered else found.order_by("name", "pk")), False

    def save_model(self, request: HttpRequest, obj: Source, form: Any, change: bool):
        services.source_save(source=obj, by=actor(request))

    def save_formset(
        self, request: HttpRequest, form: Any, formset: Any, change: bool
    ) -> None:
        """Aliases are saved and deleted through the services, which bump the
        pages of the source's claims (JSON-LD names them)."""
        for alias in formset.save(commit=False):
            services.source_alias_save(alias=alias, by=actor(request))
        for alias in formset.deleted_objects:
            services.source_alias_delete(alias=alias, by=actor(request))

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
