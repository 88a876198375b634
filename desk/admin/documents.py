"""Documents: their text with the quoted passages highlighted and linked."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from claims import services
from claims.models import (
    Appearance,
    Claim,
    Document,
    DocumentQuerySet,
)
from claims.services.frozen import DOCUMENT_PUBLIC_FIELDS, claims_freezing_document
from desk.admin.base import (
    ArchiveActionsAdmin,
    ReadOnlyInline,
    actor,
)
from desk.admin.capture import capture_summary
from desk.filters import (
    ArchivedFilter,
)
from desk.forms import ArchivableForm
from desk.history import HistoryAdmin


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
class DocumentAdmin(HistoryAdmin, ArchiveActionsAdmin):
    form = ArchivableForm
    archive_service = staticmethod(
        lambda document, by: services.document_archive(document=document, by=by)
    )
    restore_service = staticmethod(
        lambda document, by: services.document_restore(document=document, by=by)
    )
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
    # Explicit: the quoted-claims count's GROUP BY drops the model's default
    # ordering, and the evidence and appearance autocompletes paginate this.
    ordering = ["-published_on", "-created_at", "pk"]
    autocomplete_fields = ["publisher"]
    readonly_fields = [
        "highlighted_text",
        "text_sha256",
        "created_by",
        "created_at",
        "capture_display",
    ]
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
                    "capture_display",
                    "text_sha256",
                    "created_by",
                    "created_at",
                    "is_archived",
                ]
            },
        ),
    ]

    def is_public(self, obj: Document) -> bool:
        """Quoted by a claim with a public page: its title and URL are on show."""
        return obj.appearances.filter(
            claim__in=Claim.objects.with_public_page()
        ).exists()

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        documents = cast(DocumentQuerySet, super().get_queryset(request))
        return documents.with_appearance_count()

    @admin.display(description=_("our copy"))
    def capture_display(self, obj: Document) -> str:
        return capture_summary(obj)

    @admin.display(description=_("quoted claims"), ordering="appearance_count")
    def quoted(self, obj: Document) -> int:
        return getattr(obj, "appearance_count", 0)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.appearances.exists():
            fields.append("text")
        if obj is not None and claims_freezing_document(obj):
            # A published claim shows its title and URL: they change only through
            # a correction of that claim.
            fields.extend(DOCUMENT_PUBLIC_FIELDS)
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
        services.document_save(document=obj, by=actor(request))
