"""The verdict scale and the tags."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from claims.models import (
    Rating,
    Tag,
)
from desk.admin.base import (
    BaseAdmin,
)
from desk.history import HistoryAdmin


@admin.register(Rating)
class RatingAdmin(HistoryAdmin, BaseAdmin):
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
class TagAdmin(HistoryAdmin, BaseAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    readonly_fields = ["slug"]
