"""The verdict scale and the tags."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from claims import services
from claims.models import (
    Rating,
    Tag,
)
from desk.admin.base import (
    BaseAdmin,
    actor,
)
from desk.history import HistoryAdmin


def other_site_languages() -> list[tuple[str, str]]:
    """The site's languages besides the default one, in which tag names and
    rating labels are written: each gets its own field."""
    return [
        (code, str(name))
        for code, name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


def translated_fields_form(
    model: type[Rating] | type[Tag], keys: dict[str, int]
) -> type[forms.ModelForm]:
    """A model form with a field per translated key (``keys``: name → max
    length) and other site language, "label (Bahasa Indonesia)", read from and
    written to the model's ``translations`` JSON as ``{"id": {"label": …}}``."""
    declared: dict[str, Any] = {}
    for code, name in other_site_languages():
        for key, max_length in keys.items():
            label = getattr(model._meta.get_field(key), "verbose_name", key)
            declared[f"{key}__{code}"] = forms.CharField(
                label=f"{label} ({name})", max_length=max_length, required=False
            )

    def __init__(self: forms.ModelForm, *args: Any, **kwargs: Any) -> None:
        forms.ModelForm.__init__(self, *args, **kwargs)
        stored = self.instance.translations
        if not isinstance(stored, dict):
            stored = {}
        for code, _name in other_site_languages():
            found = stored.get(code)
            entry: dict[str, Any] = found if isinstance(found, dict) else {}
            for key in keys:
                self.initial.setdefault(f"{key}__{code}", entry.get(key, ""))

    def clean(self: forms.ModelForm) -> dict[str, Any]:
        data = forms.ModelForm.clean(self) or {}
        stored = self.instance.translations
        translations = dict(stored) if isinstance(stored, dict) else {}
        for code, _name in other_site_languages():
            old = translations.get(code)
            entry = dict(old) if isinstance(old, dict) else {}
            for key in keys:
                value = (data.get(f"{key}__{code}") or "").strip()
                if value:
                    entry[key] = value
                else:
                    entry.pop(key, None)
            if entry:
                translations[code] = entry
            else:
                translations.pop(code, None)
        self.instance.translations = translations
        return data

    meta = type("Meta", (), {"model": model, "exclude": ["translations"]})
    return type(
        f"{model.__name__}TranslationsForm",
        (forms.ModelForm,),
        {**declared, "Meta": meta, "__init__": __init__, "clean": clean},
    )


def missing_translations(obj: Rating | Tag, key: str) -> str:
    """The other site languages ``obj``'s ``key`` has no translation into."""
    stored = obj.translations if isinstance(obj.translations, dict) else {}
    missing = [
        code
        for code, _name in other_site_languages()
        if not (isinstance(stored.get(code), dict) and stored[code].get(key))
    ]
    return ", ".join(missing) or "–"


class MissingTranslationFilter(admin.SimpleListFilter):
    """Tags or ratings whose name or label is not yet translated into a site
    language (a handful of rows: the test runs in the database on a key)."""

    title = _("translation")
    parameter_name = "translation"
    key = "name"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            (code, str(_("missing: %(language)s") % {"language": name}))
            for code, name in other_site_languages()
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        code = self.value()
        if code not in dict(other_site_languages()):
            return queryset
        lookup = {f"translations__{code}__{self.key}__isnull": False}
        return queryset.exclude(**lookup)


class MissingLabelFilter(MissingTranslationFilter):
    key = "label"


@admin.register(Rating)
class RatingAdmin(HistoryAdmin, BaseAdmin):
    form = translated_fields_form(Rating, {"label": 100, "description": 300})
    list_display = [
        "label",
        "swatch",
        "value",
        "order",
        "description",
        "is_active",
        "translations_missing",
    ]
    list_editable = ["order"]
    list_filter = [MissingLabelFilter]
    prepopulated_fields = {"slug": ["label"]}

    @admin.display(description=_("translations missing"))
    def translations_missing(self, obj: Rating) -> str:
        return missing_translations(obj, "label")

    @admin.display(description=_("colour"))
    def swatch(self, obj: Rating) -> SafeString:
        # An SVG fill, not a style attribute: the CSP runs no inline style.
        return format_html(
            '<svg class="cd-swatch" width="14" height="14" aria-hidden="true">'
            '<rect width="14" height="14" rx="3" fill="{}"></rect></svg>{}',
            obj.colour,
            obj.label,
        )

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    # The change form and the list's editable order column both save through here.
    def save_model(self, request: HttpRequest, obj: Rating, form: Any, change: bool):
        services.rating_save(rating=obj, by=actor(request))

    def delete_model(self, request: HttpRequest, obj: Rating) -> None:
        services.rating_delete(rating=obj, by=actor(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for rating in queryset:
            services.rating_delete(rating=rating, by=actor(request))


@admin.register(Tag)
class TagAdmin(HistoryAdmin, BaseAdmin):
    form = translated_fields_form(Tag, {"name": 100})
    list_display = ["name", "slug", "translations_missing"]
    list_filter = [MissingTranslationFilter]
    search_fields = ["name"]
    readonly_fields = ["slug"]

    @admin.display(description=_("translations missing"))
    def translations_missing(self, obj: Tag) -> str:
        return missing_translations(obj, "name")

    def save_model(self, request: HttpRequest, obj: Tag, form: Any, change: bool):
        services.tag_save(tag=obj, by=actor(request))

    def delete_model(self, request: HttpRequest, obj: Tag) -> None:
        services.tag_delete(tag=obj, by=actor(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for tag in queryset:
            services.tag_delete(tag=tag, by=actor(request))
