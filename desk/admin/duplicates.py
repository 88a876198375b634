"""The claim page's "possible duplicates" panel.

The page renders a placeholder with a link; ``static/desk/duplicates.js`` loads
the panel (``duplicates_view``) once the page is up, so the candidates' search
(``matching.finder.similar_to_claim``: the claim's stored vector, the in-memory
index, the lexical candidates) never counts against the page's own time. Without
JavaScript the link opens the panel.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.models import Claim
from matching.finder import Suggestion, similar_to_claim
from matching.finder import reasons as matching_reasons

URL_NAME = "claims_claim_duplicates"
TEMPLATE = "admin/claims/claim/duplicates.html"


def reasons(suggestion: Suggestion, claim: Claim) -> list[str]:
    """Why a candidate is listed, in the desk's words."""
    return matching_reasons(suggestion, claim.language)


class DuplicatesAdminMixin:
    """Adds the panel's URL and its placeholder field to ``ClaimAdmin``."""

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<path:object_id>/duplicates/",
                self.admin_site.admin_view(self.duplicates_view),  # type: ignore[attr-defined]
                name=URL_NAME,
            ),
            *super().get_urls(),  # type: ignore[misc]
        ]

    @property
    def media(self) -> forms.Media:
        return super().media + forms.Media(js=["desk/duplicates.js"])  # type: ignore[misc]

    @admin.display(description=gettext_lazy("possible duplicates"))
    def possible_duplicates(self, obj: Claim) -> SafeString | str:
        if not obj.pk:
            return "—"
        url = reverse(f"admin:{URL_NAME}", args=[obj.pk])
        return format_html(
            '<div class="cd-duplicates" data-url="{}"><a href="{}">{}</a></div>',
            url,
            url,
            _("Find possible duplicates"),
        )

    def duplicates_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        if not object_id.isdecimal() or int(object_id) >= 2**63:
            raise Http404
        claim = get_object_or_404(self.get_queryset(request), pk=object_id)  # type: ignore[attr-defined]
        if not self.has_view_or_change_permission(request, claim):  # type: ignore[attr-defined]
            raise PermissionDenied
        suggestions = similar_to_claim(claim, top=5)
        rows = [
            {
                "suggestion": s,
                "url": reverse("admin:claims_claim_change", args=[s.claim.pk]),
                "reasons": reasons(s, claim),
            }
            for s in suggestions
        ]
        return TemplateResponse(
            request,
            TEMPLATE,
            {
                "claim": claim,
                "rows": rows,
                "shown": [
                    r for r, s in zip(rows, suggestions, strict=True) if s.suggested
                ],
            },
        )
