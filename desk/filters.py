"""The desk's list filters: fixed choices or a text box, so no list runs SELECT
DISTINCT over all claims or renders a choice per claimant, and malformed values
filter nothing instead of failing."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any, cast

from django.contrib import admin, messages
from django.db.models import Max, Min, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from claims.models import (
    Claim,
    ClaimDate,
    ClaimQuerySet,
    Source,
    Tag,
)


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


class TranslationFilter(admin.SimpleListFilter):
    """Claims by translation: "missing: <language>" finds the claims whose
    statement has no translation into that site language yet (the claims
    written in it excepted); "translated: <language>" those that have one."""

    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        from django.conf import settings

        choices: list[tuple[str, str]] = []
        for code, name in settings.LANGUAGES:
            choices.append(
                (
                    f"missing:{code}",
                    str(_("missing: %(language)s") % {"language": name}),
                )
            )
        for code, name in settings.LANGUAGES:
            choices.append(
                (
                    f"translated:{code}",
                    str(_("translated: %(language)s") % {"language": name}),
                )
            )
        return choices

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        from django.conf import settings

        kind, _sep, code = (self.value() or "").partition(":")
        if code not in {c for c, _name in settings.LANGUAGES}:
            return queryset
        claims = cast(ClaimQuerySet, queryset)
        if kind == "missing":
            return claims.missing_translation(code)
        if kind == "translated":
            return claims.translated_into(code)
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
        return [("yes", str(_("Archived only"))), ("all", str(_("All, archived too")))]

    def choices(self, changelist: Any) -> Any:
        """Django's own first choice ("All", no parameter) means "not archived"
        here, beside this filter's real "All": it is named for what it shows."""
        for choice in super().choices(changelist):
            if choice.get("query_string") == changelist.get_query_string(
                remove=[self.parameter_name]
            ):
                choice = {**choice, "display": _("Not archived")}
            yield choice

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(is_archived=True)
        if self.value() == "all":
            return queryset
        return queryset.filter(is_archived=False)


#: The longest value a text filter accepts: longer is junk, not a name.
INPUT_MAX_LENGTH = 200


class InputFilter(admin.SimpleListFilter):
    """A list filter typed into a text box rather than picked from a list, for
    choices that grow with the data (50,000 claimants would be 5 MB of links).

    Subclasses give ``fixed``, a few links shown above the box ("Assigned to me"),
    and ``filter_value``: the queryset for one clean value, through one indexed
    lookup. A value that is too long or holds control characters filters
    everything out and says why, instead of reaching the database.
    """

    template = "admin/claims/input_filter.html"
    placeholder: Any = ""

    def fixed(self) -> list[tuple[str, str]]:
        return []

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        self.request = request
        return self.fixed()

    def has_output(self) -> bool:
        return True

    def cleaned_value(self) -> str | None:
        """The typed value, stripped; None when blank; ValueError when junk."""
        value = (self.value() or "").strip()
        if not value:
            return None
        if len(value) > INPUT_MAX_LENGTH or any(
            unicodedata.category(ch) == "Cc" for ch in value
        ):
            raise ValueError(value)
        return value

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        try:
            value = self.cleaned_value()
        except ValueError:
            messages.error(
                request,
                _("“%(title)s” takes a name of at most %(n)d characters.")
                % {"title": self.title, "n": INPUT_MAX_LENGTH},
            )
            return queryset.none()
        if value is None:
            return queryset
        return self.filter_value(request, queryset, value)

    def filter_value(
        self, request: HttpRequest, queryset: QuerySet, value: str
    ) -> QuerySet:
        raise NotImplementedError

    def choices(self, changelist: Any) -> Any:
        try:
            typed = self.cleaned_value() or ""
        except ValueError:
            typed = ""
        fixed_values = {value for value, _label in self.fixed()}
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("All"),
        }
        for value, label in self.fixed():
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: value}
                ),
                "display": label,
            }
        # The box: a GET form that keeps every other filter and the search.
        shown = "" if typed in fixed_values else typed
        yield {
            "input": True,
            "selected": bool(shown),
            "display": shown,
            "value": shown,
            "hidden": [
                (key, value)
                for key, values in changelist.params.items()
                if key not in (self.parameter_name, "p", "e")
                for value in (values if isinstance(values, list) else [values])
            ],
        }


class ClaimantFilter(InputFilter):
    """Claims by one claimant: typed as a source's slug, name or alias."""

    title = _("claimant")
    parameter_name = "claimant"
    placeholder = _("name, alias or slug")

    def filter_value(
        self, request: HttpRequest, queryset: QuerySet, value: str
    ) -> QuerySet:
        sources = Source.objects.named(value)
        if not sources.exists():
            messages.warning(
                request, _("No source is called “%(name)s”.") % {"name": value}
            )
        return queryset.filter(claimant__in=sources.values("pk"))


class TagFilter(InputFilter):
    """Claims filed under one tag: typed as its slug or name."""

    title = _("tag")
    parameter_name = "tag"
    placeholder = _("name or slug")

    def filter_value(
        self, request: HttpRequest, queryset: QuerySet, value: str
    ) -> QuerySet:
        tags = Tag.objects.named(value)
        if not tags.exists():
            messages.warning(
                request, _("No tag is called “%(name)s”.") % {"name": value}
            )
        return queryset.filter(
            pk__in=Claim.tags.through.objects.filter(tag__in=tags.values("pk")).values(
                "claim_id"
            )
        )


class AssigneeFilter(InputFilter):
    """Claims assigned to me, to nobody, or to the user typed (by username)."""

    title = _("assignee")
    parameter_name = "assignee"
    placeholder = _("username")

    def fixed(self) -> list[tuple[str, str]]:
        return [("me", str(_("Assigned to me"))), ("none", str(_("Unassigned")))]

    def filter_value(
        self, request: HttpRequest, queryset: QuerySet, value: str
    ) -> QuerySet:
        from django.contrib.auth import get_user_model

        if value == "me":
            return queryset.filter(assignee=request.user)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        if value.isdecimal():  # a user's id, as links made before the box carry
            if int(value) >= 2**63:
                return queryset.none()
            return queryset.filter(assignee_id=int(value))
        users = get_user_model().objects.filter(username__iexact=value)
        if not users.exists():
            messages.warning(
                request, _("No user is called “%(name)s”.") % {"name": value}
            )
        return queryset.filter(assignee__in=users.values("pk"))
