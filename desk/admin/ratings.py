"""The verdict scale and the tags."""

from __future__ import annotations

from typing import Any

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


@admin.register(Rating)
class RatingAdmin(HistoryAdmin, BaseAdmin):
    list_display = ["label", "swatch", "value", "order", "description", "is_active"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["label"]}

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
    list_display = ["name", "slug"]
    search_fields = ["name"]
    readonly_fields = ["slug"]

    def save_model(self, request: HttpRequest, obj: Tag, form: Any, change: bool):
        services.tag_save(tag=obj, by=actor(request))

    def delete_model(self, request: HttpRequest, obj: Tag) -> None:
        services.tag_delete(tag=obj, by=actor(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for tag in queryset:
            services.tag_delete(tag=tag, by=actor(request))
