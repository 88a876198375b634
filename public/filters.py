"""The timeline's filters (the claims list shares ``claims.filters.ClaimFilter``
with the API)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from claims.filters import claimant_choices, public_tags
from claims.models import ClaimDate


class TimelineFilter(django_filters.FilterSet):
    """Narrows the timeline (event dates of published claims) by topic or claimant."""

    tag = django_filters.ModelChoiceFilter(
        queryset=public_tags,
        to_field_name="slug",
        field_name="claim__tags",
        label=_("Topic"),
        empty_label=_("All topics"),
    )
    claimant = django_filters.ModelChoiceFilter(
        queryset=claimant_choices,
        to_field_name="slug",
        field_name="claim__claimant",
        label=_("Claimant"),
        empty_label=_("Anyone"),
    )

    class Meta:
        model = ClaimDate
        fields: list[str] = []
