"""The claim page's inlines: dates, appearances, evidence and notes (saved through
``claims.services``, which stamp who added each row). Its read-only corrections and
review history are tables of ``ClaimAdmin.record_tables``, not forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.db.models import Model, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from claims import services
from claims.models import (
    Appearance,
    ClaimDate,
    ClaimTranslation,
    Document,
    Evidence,
    Note,
)
from claims.services.frozen import translation_only_adds
from desk.admin.base import (
    HTTPS_URLS,
    KnownChoicesAdmin,
    ReusedFormsetMixin,
    SuperuserDeletesOnly,
)
from desk.admin.capture import capture_summary
from desk.admin.frozen import FrozenInlineMixin, is_frozen_for
from desk.forms import (
    AppearanceForm,
    ClaimDateForm,
)
from desk.widgets import know_loaded_choices

if TYPE_CHECKING:
    from claims.services import User

#: The service that saves a row of each editable inline (``ClaimAdmin.save_formset``).
INLINE_SAVES: dict[type[Model], Callable[[Any, User], object]] = {
    Appearance: lambda row, by: services.appearance_save(appearance=row, by=by),
    ClaimDate: lambda row, by: services.claim_date_save(date=row, by=by),
    Evidence: lambda row, by: services.evidence_save(evidence=row, by=by),
    Note: lambda row, by: services.note_save(note=row, by=by),
    ClaimTranslation: lambda row, by: services.claim_translation_save(
        translation=row, by=by
    ),
}


class ClaimRowsFormSet(BaseInlineFormSet):
    """Each row's ``claim`` is the page's claim, already loaded: reading it (the
    appearances' "later sighting" column does) costs no query per row."""

    def get_queryset(self) -> Any:
        rows = super().get_queryset()  # kept by the formset, asked for per form
        if not getattr(self, "_rows_have_claim", False):
            for row in rows:  # fills the queryset's cache
                setattr(row, self.fk.name, self.instance)
            self._rows_have_claim = True
        return rows

    def _construct_form(self, i: int, **kwargs: Any) -> Any:
        form = super()._construct_form(i, **kwargs)  # type: ignore[misc]
        know_loaded_choices(form)  # the row's document and source, loaded with it
        return form

    @cached_property
    def empty_form(self) -> Any:
        """Made once: the admin asks for it four times a page (its fields, media,
        whether it takes files, the blank row), and the stock formset makes a new
        form each time."""
        form = super().empty_form
        know_loaded_choices(form)
        return form


class DocumentChoicesMixin(KnownChoicesAdmin):
    """The document box shows the chosen document's title: the document is loaded
    with its row, without its text, an article's length each (the form reads the
    text only when it checks a quote, on a save)."""

    def formfield_for_foreignkey(
        self, db_field: Any, request: HttpRequest, **kwargs: Any
    ) -> Any:
        if db_field.name == "document":
            kwargs.setdefault("queryset", Document.objects.defer("text"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        rows = super().get_queryset(request)  # type: ignore[misc]
        return rows.select_related("document").defer("document__text")


class ClaimDateInline(ReusedFormsetMixin, FrozenInlineMixin, admin.TabularInline):
    model = ClaimDate
    formset = ClaimRowsFormSet
    form = ClaimDateForm
    extra = 0
    # Named here, not read off a formset built for the purpose: Django's inline
    # builds a whole formset class each time it is asked for its fields.
    fields = list(ClaimDateForm.Meta.fields)  # type: ignore[assignment]
    verbose_name_plural = _("dates (events and reports)")


class AppearanceInline(
    ReusedFormsetMixin, DocumentChoicesMixin, FrozenInlineMixin, admin.TabularInline
):
    model = Appearance
    formset = ClaimRowsFormSet
    frozen_can_add = True  # a later sighting changes nothing already published
    form = AppearanceForm
    extra = 0
    autocomplete_fields = ["document"]
    fields = ["document", "quote", "start", "end", "sighting_display"]
    readonly_fields = ["sighting_display"]

    @admin.display(description=_("sighting"))
    def sighting_display(self, obj: Appearance) -> str:
        """“Later sighting” for a row recorded after the claim was first published
        (listed apart on the public page), else nothing."""
        if obj.pk and obj.claim.is_later_sighting(obj):
            return str(_("later sighting"))
        return ""


class EvidenceInline(
    ReusedFormsetMixin,
    DocumentChoicesMixin,
    SuperuserDeletesOnly,
    FrozenInlineMixin,
    admin.StackedInline,
):
    model = Evidence
    formset = ClaimRowsFormSet
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

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("added_by", "source")

    @admin.display(description=_("our copy"))
    def capture_display(self, obj: Evidence) -> str:
        return capture_summary(obj)

    @admin.display(description=_("added"))
    def added_by_display(self, obj: Evidence) -> str:
        if not obj.pk:
            return "—"
        return f"{obj.added_by or '—'}, {obj.added_at:%Y-%m-%d %H:%M}"


class NoteForm(forms.ModelForm):
    """A note; on a published claim a public note is read-only (it is on the
    page: archiving it is a correction), an internal one stays editable. The
    "archived" box is saved by ``note_save``, under the frozen rule."""

    frozen = False

    class Meta:
        model = Note
        fields = ["body", "is_public", "is_archived"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.frozen and self.instance.pk and self.instance.is_public:
            for field in self.fields.values():
                field.disabled = True


class FrozenNoteForm(NoteForm):
    frozen = True


class NoteInline(ReusedFormsetMixin, SuperuserDeletesOnly, admin.StackedInline):
    model = Note
    formset = ClaimRowsFormSet
    form = NoteForm
    extra = 0
    fields = ["body", ("is_public", "is_archived"), "written"]
    readonly_fields = ["written"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("author")

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        if is_frozen_for(request, obj):
            kwargs["form"] = FrozenNoteForm
        return super().get_formset(request, obj, **kwargs)

    @admin.display(description=_("written"))
    def written(self, obj: Note) -> str:
        if not obj.pk:
            return "—"
        return f"{obj.author or '—'}, {obj.created_at:%Y-%m-%d %H:%M}"


def _site_language_choices() -> list[tuple[str, str]]:
    from django.conf import settings

    return [(code, str(name)) for code, name in settings.LANGUAGES]


class ClaimTranslationForm(forms.ModelForm):
    """One language version of the claim's public text. On a published claim
    (``frozen``) a new translation, or text where there was none, is an
    addition and saves; changing translated text that readers have seen is
    refused here, by the services' own rule, with the fields kept as typed."""

    frozen = False
    language = forms.ChoiceField(label=_("language"), choices=_site_language_choices)

    class Meta:
        model = ClaimTranslation
        fields = ["language", "statement", "verdict_summary", "notes"]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 2, "cols": 80}),
            "verdict_summary": forms.Textarea(attrs={"rows": 4, "cols": 80}),
            "notes": forms.Textarea(attrs={"rows": 4, "cols": 80}),
        }

    def _post_clean(self) -> None:
        super()._post_clean()  # type: ignore[misc]
        if (
            self.frozen
            and self.has_changed()
            and not translation_only_adds(self.instance)
        ):
            self.add_error(
                None,
                _(
                    "Readers have seen this translation: changing or removing its "
                    "text is a correction (“Publish a correction”). Empty fields "
                    "may still be filled in."
                ),
            )


class FrozenClaimTranslationForm(ClaimTranslationForm):
    frozen = True


class ClaimTranslationInline(ReusedFormsetMixin, admin.StackedInline):
    """The claim's statement, summary and public notes in the site's other
    languages. Saved by ``claim_translation_save``; on a published claim
    translations are added (and filled in) here, changed only in a correction,
    and deleted by nobody outside one."""

    model = ClaimTranslation
    formset = ClaimRowsFormSet
    form = ClaimTranslationForm
    extra = 0
    fields = ["language", "statement", "verdict_summary", "notes"]
    verbose_name = _("translation")
    verbose_name_plural = _("translations (the public text in the site's languages)")

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        if is_frozen_for(request, obj):
            kwargs["form"] = FrozenClaimTranslationForm
        return super().get_formset(request, obj, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if is_frozen_for(request, obj):
            return False
        return super().has_delete_permission(request, obj)
