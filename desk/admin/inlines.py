"""The claim page's inlines: dates, appearances, evidence and notes (stamped
with who added them), and the read-only corrections and review history."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from claims.models import (
    Appearance,
    ClaimDate,
    Correction,
    Evidence,
    Note,
    ReviewEvent,
)
from desk.admin.base import (
    HTTPS_URLS,
    ReadOnlyInline,
)
from desk.admin.capture import capture_summary, with_capture
from desk.forms import (
    AppearanceForm,
    ClaimDateForm,
)


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
    formset = with_capture(stamped("added_by"))
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
        "capture_display",
    ]
    readonly_fields = ["added_by_display", "capture_display"]

    @admin.display(description=_("our copy"))
    def capture_display(self, obj: Evidence) -> str:
        return capture_summary(obj)

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
