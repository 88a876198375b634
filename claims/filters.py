"""Filters for the public claims list, the timeline and the JSON API.

The page and the API share ``ClaimFilter``, so a filtered list and its API twin always
agree. Claimants, outlets and topics are typed, not picked from a list: a list of every
source would grow with the data (45,563 options at a million claims). What is typed is
matched by one indexed lookup (the slug, or the name turned into one) among the sources
and tags of published claims, so unpublished work never shows up; languages come from
``CLAIMDESK_CONTENT_LANGUAGES``. Bad values make the form invalid: the page shows the
error and an empty list, the API answers 400.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils.text import slugify
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceField as FilterModelChoiceField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .dates import PartialDate, Precision
from .models import Claim, ClaimDate, Rating, Source, Tag
from .search import MAX_SEARCH_LENGTH, clean_search_text
from .siteversion import cached_facet

# --- Form fields ----------------------------------------------------------------------


class SearchField(forms.CharField):
    """Free text that never fails: control characters (NUL) are dropped, not refused,
    and overlong input is cut."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.validators = []
        self.widget.attrs.setdefault("maxlength", str(MAX_SEARCH_LENGTH))

    def to_python(self, value: Any) -> str:
        return clean_search_text(super().to_python(value))


class PartialDateField(forms.CharField):
    """A date as YYYY, YYYY-MM or YYYY-MM-DD."""

    default_error_messages = {
        "invalid": _("Enter a date as YYYY, YYYY-MM or YYYY-MM-DD."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {
                "placeholder": _("YYYY-MM-DD, YYYY-MM or YYYY"),
                "pattern": r"\d{4}(-\d{1,2}){0,2}",
            }
        )

    def clean(self, value: Any) -> PartialDate | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return PartialDate.parse(text)
        except ValidationError as exc:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid"
            ) from exc


class SlugLookupField(FilterModelChoiceField):
    """A source or tag typed as its slug or its name ("Donald Trump" finds
    ``donald-trump``): a text box, never a rendered list of choices, checked by one
    lookup on the unique slug."""

    widget = forms.TextInput

    default_error_messages = {
        "invalid_choice": _(
            "Nothing by that name has published fact-checks. Check the spelling."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.pop("empty_label", None)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("maxlength", "120")

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        slug = text if text == slugify(text) else slugify(text)
        if not slug:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        # Whether a slug names a source or tag with published claims is an EXISTS
        # over the claims (5 ms for a common topic at a million claims): the answer
        # is kept until the next publication, then the row is read by its key.
        queryset = self.queryset
        which = hashlib.sha256(str(queryset.query).encode()).hexdigest()[:16]  # type: ignore[union-attr]
        pk = cached_facet(
            f"lookup:{which}:{hashlib.sha256(slug.encode()).hexdigest()[:32]}",
            lambda: (
                queryset.filter(slug=slug).values_list("pk", flat=True).first()  # type: ignore[union-attr]
                or 0
            ),
        )
        found = queryset.model._default_manager.filter(pk=pk).first() if pk else None  # type: ignore[union-attr]
        if found is None:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return found

    def prepare_value(self, value: Any) -> Any:
        return getattr(value, "slug", value)


@extend_schema_field(OpenApiTypes.STR)
class SlugLookupFilter(django_filters.ModelChoiceFilter):
    """``?claimant=donald-trump``: a source or tag by slug (or name)."""

    field_class = SlugLookupField


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


class PartialDateFilter(django_filters.Filter):
    field_class = PartialDateField


@extend_schema_field(OpenApiTypes.STR)
class RatingFilter(django_filters.ModelMultipleChoiceFilter):
    """Verdicts by slug: ``?verdict=false&verdict=misleading``."""


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


# --- Choice querysets: drawn from published claims only -------------------------------


def public_tags(request: Any = None) -> QuerySet[Tag]:
    return Tag.objects.public()


def claimant_choices(request: Any = None) -> QuerySet[Source]:
    return Source.objects.with_published_claims()


def publisher_choices(request: Any = None) -> QuerySet[Source]:
    return Source.objects.publishing_published_claims()


def language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def language_choices() -> list[tuple[str, str]]:
    """The newsroom's content languages (``CLAIMDESK_CONTENT_LANGUAGES``), named in
    the reader's language: a fixed list, never a DISTINCT over the claims."""
    languages = settings.CLAIMDESK_CONTENT_LANGUAGES
    return [(code, language_name(code)) for code, _name in languages]


# --- Event-date overlap ------------------------------------------------------------


def _period_start(value: dt.date, precision: str) -> dt.date:
    if precision == Precision.YEAR:
        return value.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return value.replace(day=1)
    return value


def ends_on_or_after(day: dt.date) -> Q:
    """ClaimDates whose period (a day, month, year or range) reaches ``day`` or later.

    A month or year is stored as its first day, so "June 2018" reaches 15 June 2018:
    compare the stored start with the first day of ``day``'s month or year.
    """
    q = Q()
    for precision in Precision.values:
        q |= Q(
            end__isnull=True,
            precision=precision,
            start__gte=_period_start(day, precision),
        )
        q |= Q(
            end__isnull=False,
            end_precision=precision,
            end__gte=_period_start(day, precision),
        )
    return q


# --- Filter sets ----------------------------------------------------------------------


class ClaimFilter(django_filters.FilterSet):
    SORT_CHOICES = [
        ("relevance", _("Relevance")),
        ("newest", _("Newest fact-checks")),
        ("oldest", _("Oldest fact-checks")),
        ("event", _("Event date, earliest first")),
        ("-event", _("Event date, latest first")),
    ]

    q = SearchFilter(method="filter_search", label=_("Search"))
    verdict = RatingFilter(
        queryset=Rating.objects.all(),
        to_field_name="slug",
        field_name="verdict__slug",
        distinct=False,
        label=_("Verdict"),
        widget=forms.CheckboxSelectMultiple,
    )
    claimant = SlugLookupFilter(
        queryset=claimant_choices,
        to_field_name="slug",
        label=_("Claimant"),
    )
    publisher = SlugLookupFilter(
        queryset=publisher_choices,
        to_field_name="slug",
        method="filter_publisher",
        label=_("Published by"),
    )
    tag = SlugLookupFilter(
        queryset=public_tags,
        to_field_name="slug",
        field_name="tags",
        label=_("Topic"),
    )
    language = django_filters.ChoiceFilter(
        choices=language_choices,
        label=_("Language of the claim"),
        empty_label=_("Any language"),
    )
    event_from = PartialDateFilter(method="filter_event_from", label=_("Events from"))
    event_to = PartialDateFilter(method="filter_event_to", label=_("Events until"))
    published_from = django_filters.DateFilter(
        field_name="published_at",
        lookup_expr="date__gte",
        label=_("Checked from"),
        widget=DateInput(),
    )
    published_to = django_filters.DateFilter(
        field_name="published_at",
        lookup_expr="date__lte",
        label=_("Checked until"),
        widget=DateInput(),
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES,
        method="filter_nothing",
        label=_("Sort by"),
        empty_label=_("Default"),
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        # Always bound, so the default sort applies to an unfiltered list too.
        super().__init__(data if data is not None else {}, *args, **kwargs)

    def get_form_class(self) -> type[forms.Form]:
        """The form class, built once per filter set class rather than per request
        (django-filter builds it anew each time: a tenth of the list page's time).
        Safe because no field depends on the request: the choice querysets ignore
        it, and every form deep-copies its fields with fresh querysets."""
        cls = type(self)
        form_class = cls.__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            cls._form_class = form_class  # type: ignore[attr-defined]
        return form_class  # type: ignore[no-any-return]

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value) if value else queryset  # type: ignore[attr-defined]

    def filter_publisher(
        self, queryset: QuerySet, name: str, value: Source | None
    ) -> QuerySet:
        if value is None:
            return queryset
        return queryset.quoted_by(value)  # type: ignore[attr-defined]

    def filter_event_from(
        self, queryset: QuerySet, name: str, value: PartialDate | None
    ) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(
            Exists(
                ClaimDate.objects.filter(
                    ends_on_or_after(value.value),
                    claim=OuterRef("pk"),
                    role=ClaimDate.Role.EVENT,
                )
            )
        )

    def filter_event_to(
        self, queryset: QuerySet, name: str, value: PartialDate | None
    ) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(
            Exists(
                ClaimDate.objects.filter(
                    claim=OuterRef("pk"),
                    role=ClaimDate.Role.EVENT,
                    start__lte=value.last_day(),
                )
            )
        )

    def filter_nothing(self, queryset: QuerySet, name: str, value: Any) -> QuerySet:
        return queryset

    def clean_sort(self) -> str:
        data = self.form.cleaned_data
        sort = data.get("sort") or ""
        if not sort or (sort == "relevance" and not data.get("q")):
            sort = "relevance" if data.get("q") else "newest"
        return sort

    #: Rank at most this many matches by relevance. Ranking reads every match's
    #: search vector and sorts them all (10k matches spilled the sort to disk); a
    #: term common enough to match more is listed newest first, from the index.
    RANK_LIMIT = 1000
    ranking_skipped = False

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        sort = self.clean_sort()
        self.ranking_skipped = False
        if sort == "relevance":
            matches = queryset.order_by().values("pk")[: self.RANK_LIMIT + 1]
            # Counting 1,000 matches of a common term reads their rows (0.2 s at a
            # million claims): the answer is kept until the next publication.
            key = hashlib.sha256(str(matches.query).encode()).hexdigest()[:32]
            if cached_facet(f"rank-matches:{key}", matches.count) > self.RANK_LIMIT:
                self.ranking_skipped = True
                sort = "newest"
        self.sort_used = sort
        if sort == "relevance":
            return queryset.order_by("-search_rank", "-published_at", "-pk")
        if sort == "oldest":
            return queryset.order_by("published_at", "pk")
        if sort in ("event", "-event"):
            queryset = queryset.with_first_event()  # type: ignore[attr-defined]
            if sort == "event":
                return queryset.order_by(
                    self._nulls_last("first_event"), "-published_at", "-pk"
                )
            return queryset.order_by(
                self._nulls_last("-first_event"), "-published_at", "-pk"
            )
        return queryset.newest_first()  # type: ignore[attr-defined]

    @staticmethod
    def _nulls_last(field: str) -> Any:
        if field.startswith("-"):
            return F(field[1:]).desc(nulls_last=True)
        return F(field).asc(nulls_last=True)

    def active_filters(self) -> bool:
        """Whether the reader narrowed the list (for the "clear filters" link)."""
        return any(self.data.get(name) for name in self.filters if name != "sort")
