"""Published means frozen on the claim page: what readers see is read-only for
everyone, superusers included, except in correction mode (``?correction=1``),
which an editor holding ``claims.correct_claim`` opens from "Publish a correction"
and which saves everything through one ``claims.services.claim_correct`` call."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from claims.status import PAGE_STATUSES, PUBLIC_STATUSES
from desk.forms import ClaimAdminForm

#: The change form's names for ``claims.services.PUBLIC_FIELDS``.
FROZEN_FORM_FIELDS = [
    "statement",
    "language",
    "claimant",
    "attribution",
    "speech",
    "made_on_text",
    "made_on_precision",
    "tags",
    "verdict",
    "verdict_summary",
]

#: The claim's own fields a correction hands to the service (tags go apart).
CORRECTED_FIELDS = [
    "statement",
    "language",
    "claimant",
    "attribution",
    "speech",
    "made_on",
    "made_on_precision",
    "verdict",
    "verdict_summary",
]


def is_correcting(request: HttpRequest, obj: Any) -> bool:
    """The change form of a public claim opened for a correction by an editor."""
    return bool(
        obj is not None
        and obj.pk
        and obj.status in PUBLIC_STATUSES
        and request.GET.get("correction") == "1"
        and request.user.has_perm("claims.correct_claim")
    )


def is_frozen_for(request: HttpRequest, obj: Any) -> bool:
    return bool(
        obj is not None
        and obj.pk
        and obj.status in PAGE_STATUSES
        and not is_correcting(request, obj)
    )


class CorrectionModeForm(ClaimAdminForm):
    """The claim change form in correction mode: the public fields open, plus the
    public note that explains what changed and why."""

    correction_note = forms.CharField(
        label=_("Correction note"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_(
            "Public: shown, dated, at the top of the fact-check and in the "
            "corrections log. Say what changed and why."
        ),
    )


class FrozenInlineMixin:
    """Existing rows of a published claim are read-only and cannot be deleted; new
    rows only where ``frozen_can_add`` (a later appearance)."""

    frozen_can_add = False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if is_frozen_for(request, obj):
            return False
        return super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if is_frozen_for(request, obj):
            return False
        return super().has_delete_permission(request, obj)  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if is_frozen_for(request, obj) and not self.frozen_can_add:
            return False
        return super().has_add_permission(request, obj)  # type: ignore[misc]
