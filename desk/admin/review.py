"""The review history and corrections: view-only for everyone, superusers
included."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from claims.models import (
    Correction,
    ReviewEvent,
)
from desk.admin.base import (
    ViewOnlyAdmin,
)


@admin.register(ReviewEvent)
class ReviewEventAdmin(ViewOnlyAdmin):
    list_display = [
        "created_at",
        "what_happened",
        "actor",
        "action",
        "claim_ref",
        "from_status",
        "to_status",
        "to_verdict",
    ]
    list_select_related = ["actor", "to_verdict"]
    list_filter = ["action", "to_status", ("created_at", admin.DateFieldListFilter)]
    #: the claim page's link to all of a claim's events
    url_lookups = ("claim__id__exact",)
    search_fields = ["claim_ref", "comment"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}

    @admin.display(description=_("what happened"))
    def what_happened(self, obj: ReviewEvent) -> str:
        return obj.sentence()


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
