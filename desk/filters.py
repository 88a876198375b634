"""The desk's list filters: fixed choices, so no list runs SELECT DISTINCT over
all claims, and malformed values filter nothing instead of failing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import admin
from django.db.models import Max, Min, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from claims.models import (
    ClaimDate,
)


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
