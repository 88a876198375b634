"""The timeline's filters (the claims list shares ``claims.filters.ClaimFilter``
with the API)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from claims.filters import SlugLookupFilter, claimant_choices, public_tags
from claims.models import ClaimDate


class TimelineFilter(django_filters.FilterSet):
    """Narrows the timeline (event dates of published claims) by topic or claimant."""

    tag = SlugLookupFilter(
        queryset=public_tags,
        to_field_name="slug",
        field_name="claim__tags",
        label=_("Topic"),
    )
    claimant = SlugLookupFilter(
        queryset=claimant_choices,
        to_field_name="slug",
        field_name="claim__claimant",
        label=_("Claimant"),
    )

    class Meta:
        model = ClaimDate
        fields: list[str] = []
