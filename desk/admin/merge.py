"""Merging duplicates from the desk: "Merge two selected…" on the claims and
sources lists and "Merge into…" on a claim's or source's page lead to one
confirmation page, which shows what would move and what stays, lets the editor
swap which one survives, and calls ``claims.services.claim_merge`` or
``source_merge``. The claim and source pages show their merges; the source page
suggests likely duplicates (``claims.sourcematch``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from claims import services
from claims.models import (
    Claim,
    ClaimMerge,
    ReviewEvent,
    Source,
    SourceMerge,
)
from claims.services import WorkflowError
from claims.sourcematch import source_duplicates
from claims.status import PUBLIC_STATUSES
from desk.admin.base import actor, error_text, rendering_request

#: The labels of a claim merge's rows, in the order the page lists them.
CLAIM_ROW_LABELS = {
    "appearances": _("appearances (quotes)"),
    "dates": _("dates"),
    "evidence": _("evidence"),
    "notes": _("notes"),
    "external_fact_checks": _("external fact-checks"),
    "external_ids": _("dataset ids (LIAR, CSV)"),
    "corrections": _("corrections (stay: what its own page said)"),
    "events": _("review events (stay: append-only; shown on the survivor)"),
}
SOURCE_ROW_LABELS = {
    "claims": _("claims it made"),
    "documents": _("documents it published"),
    "evidence": _("evidence citing it"),
    "aliases": _("aliases"),
}


class MergeForm(forms.Form):
    note = forms.CharField(
        label=_("Public note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Needed when the merge changes a published page: it is published as a "
            "correction of the surviving claim. Otherwise kept with the merge."
        ),
    )


def _id(value: str | None) -> int | None:
    if value and value.isdecimal() and int(value) < 2**63:
        return int(value)
    return None


class MergeAdminMixin:
    """The confirmation page and the "merge two selected" action, shared by the
    claim and source admins; ``merge_model`` is Claim or Source."""

    merge_model: type[Model]
    merge_permission: str
    merge_has_note = False
    admin_site: Any
    opts: Any

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.has_perm(self.merge_permission))

    def merge_url(self, merged: Any, into: Any = None) -> str:
        url = reverse(f"admin:claims_{self.opts.model_name}_merge", args=[merged.pk])
        return f"{url}?into={into.pk}" if into is not None else url

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<path:object_id>/merge/",
                self.admin_site.admin_view(self.merge_view),
                name=f"claims_{self.opts.model_name}_merge",
            ),
            *super().get_urls(),  # type: ignore[misc]
        ]

    def default_survivor(self, a: Any, b: Any) -> tuple[Any, Any]:
        """(survivor, merged) proposed for two selected rows: the older one."""
        return (a, b) if a.pk < b.pk else (b, a)

    @admin.action(description=_("Merge the two selected…"), permissions=["merge"])
    def merge_selected(
        self, request: HttpRequest, queryset: QuerySet
    ) -> HttpResponse | None:
        if not self.has_merge_permission(request):
            raise PermissionDenied
        chosen = list(queryset[:3])
        if len(chosen) != 2:
            self.message_user(  # type: ignore[attr-defined]
                request, _("Select exactly two to merge."), messages.ERROR
            )
            return None
        survivor, merged = self.default_survivor(*chosen)
        return HttpResponseRedirect(self.merge_url(merged, survivor))

    def merge_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Confirm merging ``object_id`` into ``?into=``; without it, ask for it."""
        if not self.has_merge_permission(request):
            raise PermissionDenied
        pk = _id(object_id)
        merged = self.merge_model._default_manager.filter(pk=pk).first()
        if merged is None:
            raise Http404
        into_text = (request.GET.get("into") or request.POST.get("into") or "").strip()
        into_text = into_text.lstrip("#")
        survivor = None
        error = ""
        if into_text:
            survivor = self.merge_model._default_manager.filter(
                pk=_id(into_text)
            ).first()
            if survivor is None:
                error = str(_("No such one: “%(id)s”.") % {"id": into_text[:40]})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "merged": merged,
            "survivor": survivor,
            "into_text": into_text[:40],
            "lookup_error": error,
            "change_url": reverse(
                f"admin:claims_{self.opts.model_name}_change", args=[merged.pk]
            ),
            "title": _("Merge “%(name)s” into another") % {"name": str(merged)[:60]},
        }
        if survivor is None:
            return TemplateResponse(request, "admin/claims/merge.html", context)
        form = MergeForm(request.POST if request.method == "POST" else None)
        plan = self.merge_plan(survivor, merged)
        if request.method == "POST" and form.is_valid() and not plan.refusal:
            try:
                self.merge_apply(request, survivor, merged, form.cleaned_data["note"])
            except (WorkflowError, PermissionDenied) as exc:
                form.add_error(None, error_text(exc))
            else:
                self.message_user(  # type: ignore[attr-defined]
                    request,
                    _("Merged “%(merged)s” into “%(survivor)s”.")
                    % {"merged": str(merged)[:80], "survivor": str(survivor)[:80]},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse(
                        f"admin:claims_{self.opts.model_name}_change",
                        args=[survivor.pk],
                    )
                )
        context.update(
            form=form,
            plan=plan,
            rows=self.plan_rows(plan),
            swap_url=self.merge_url(survivor, merged),
            with_note=self.merge_has_note,
            survivor_url=reverse(
                f"admin:claims_{self.opts.model_name}_change", args=[survivor.pk]
            ),
            title=_("Merge “%(merged)s” into “%(survivor)s”")
            % {"merged": str(merged)[:60], "survivor": str(survivor)[:60]},
        )
        return TemplateResponse(request, "admin/claims/merge.html", context)

    def merge_plan(self, survivor: Any, merged: Any) -> Any:
        raise NotImplementedError

    def merge_apply(
        self, request: HttpRequest, survivor: Any, merged: Any, note: str
    ) -> None:
        raise NotImplementedError

    def plan_rows(self, plan: Any) -> list[tuple[str, int, int]]:
        raise NotImplementedError


class ClaimMergeAdmin(MergeAdminMixin):
    """Merging claims: the action, the confirmation page, the claim page's panel."""

    merge_model = Claim
    merge_permission = "claims.add_claimmerge"
    merge_has_note = True

    def default_survivor(self, a: Any, b: Any) -> tuple[Any, Any]:
        """A published claim survives an unpublished one; otherwise the older."""
        a_public, b_public = a.status in PUBLIC_STATUSES, b.status in PUBLIC_STATUSES
        if a_public != b_public:
            return (a, b) if a_public else (b, a)
        return super().default_survivor(a, b)

    def merge_plan(self, survivor: Any, merged: Any) -> Any:
        return services.claim_merge_plan(survivor=survivor, merged=merged)

    def merge_apply(
        self, request: HttpRequest, survivor: Any, merged: Any, note: str
    ) -> None:
        services.claim_merge(
            survivor=survivor, merged=merged, by=actor(request), note=note
        )

    def plan_rows(self, plan: Any) -> list[tuple[str, int, int]]:
        return [
            (
                str(label),
                len(plan.moves.get(key, [])),
                len(plan.kept.get(key, [])),
            )
            for key, label in CLAIM_ROW_LABELS.items()
        ]

    @admin.display(description=_("merges"))
    def merges(self, obj: Claim) -> SafeString:
        """Where this claim went, or which claims were merged into it (with their
        review history, which stays theirs), and the "merge into…" link."""
        if not obj.pk:
            return mark_safe("—")
        parts = []
        record, has_merged_in = None, False
        if getattr(obj, "in_merges", True):  # annotated by the page's get_object
            record, has_merged_in = ClaimMerge.objects.of_claim(obj)
        if record is not None and record.into is not None:
            parts.append(
                format_html(
                    '<p class="cd-merged">{} <a href="{}">#{} {}</a> ({}, {})</p>',
                    _("Merged into"),
                    reverse("admin:claims_claim_change", args=[record.into_id]),
                    record.into_id,
                    str(record.into)[:100],
                    record.merged_by,
                    f"{record.merged_at:%Y-%m-%d %H:%M}",
                )
            )
        merged_ids = ClaimMerge.objects.merged_into(obj) if has_merged_in else []
        if merged_ids:
            claims = Claim.objects.filter(pk__in=merged_ids).order_by("pk")
            parts.append(
                format_html(
                    "<p>{}</p><ul>{}</ul>",
                    _("Claims merged into this one:"),
                    format_html_join(
                        "",
                        '<li><a href="{}">#{} {}</a></li>',
                        (
                            (
                                reverse("admin:claims_claim_change", args=[c.pk]),
                                c.pk,
                                str(c)[:100],
                            )
                            for c in claims
                        ),
                    ),
                )
            )
            events = (
                ReviewEvent.objects.filter(claim_id__in=merged_ids)
                .select_related("actor")
                .order_by("-created_at", "-pk")[:50]
            )
            parts.append(
                format_html(
                    '<table class="cd-merged-history"><caption>{}</caption>'
                    "<tbody>{}</tbody></table>",
                    _("Review history of the merged claims"),
                    format_html_join(
                        "",
                        "<tr><td>#{}</td><td>{}</td><td>{}</td><td>{}</td>"
                        "<td>{}</td></tr>",
                        (
                            (
                                e.claim_id,
                                f"{e.created_at:%Y-%m-%d %H:%M}",
                                e.actor or "—",
                                e.get_action_display(),
                                e.comment,
                            )
                            for e in events
                        ),
                    ),
                )
            )
        request = rendering_request()
        if (
            request is not None
            and record is None
            and not obj.is_archived
            and self.has_merge_permission(request)
        ):
            parts.append(
                format_html(
                    '<p><a class="button" href="{}">{}</a></p>',
                    self.merge_url(obj),
                    _("Merge this claim into another…"),
                )
            )
        return (
            format_html_join("", "{}", ((p,) for p in parts))
            if parts
            else (mark_safe("—"))
        )


class SourceMergeAdmin(MergeAdminMixin):
    """Merging sources, and the source page's suggested duplicates."""

    merge_model = Source
    merge_permission = "claims.add_sourcemerge"

    def merge_plan(self, survivor: Any, merged: Any) -> Any:
        return services.source_merge_plan(survivor=survivor, merged=merged)

    def merge_apply(
        self, request: HttpRequest, survivor: Any, merged: Any, note: str
    ) -> None:
        services.source_merge(survivor=survivor, merged=merged, by=actor(request))

    def plan_rows(self, plan: Any) -> list[tuple[str, int, int]]:
        return [
            (
                str(label),
                len(plan.moves.get(key, [])),
                len(plan.kept.get(key, [])),
            )
            for key, label in SOURCE_ROW_LABELS.items()
        ]

    @admin.display(description=_("possible duplicates"))
    def possible_duplicates(self, obj: Source) -> SafeString:
        """Sources that are likely this one under another name, with why, and
        links to merge either way."""
        if not obj.pk:
            return mark_safe("—")
        record = SourceMerge.objects.filter(merged=obj).select_related("into").first()
        if record is not None and record.into is not None:
            return format_html(
                '<p class="cd-merged">{} <a href="{}">{}</a> ({}, {})</p>',
                _("Merged into"),
                reverse("admin:claims_source_change", args=[record.into_id]),
                record.into,
                record.merged_by,
                f"{record.merged_at:%Y-%m-%d %H:%M}",
            )
        if obj.is_archived:
            return mark_safe("—")
        found = source_duplicates(obj)
        request = rendering_request()
        may_merge = request is not None and self.has_merge_permission(request)
        rows = []
        for like in found:
            other = like.source
            links = (
                format_html(
                    ' · <a href="{}">{}</a> · <a href="{}">{}</a>',
                    self.merge_url(other, obj),
                    _("merge it into this one"),
                    self.merge_url(obj, other),
                    _("merge this one into it"),
                )
                if may_merge
                else ""
            )
            rows.append(
                format_html(
                    '<li><a href="{}">{}</a> ({}): {} — “{}” / “{}”{}</li>',
                    reverse("admin:claims_source_change", args=[other.pk]),
                    other.name,
                    f"{like.score:.2f}",
                    like.reason,
                    like.name,
                    like.other_name,
                    links,
                )
            )
        merged_names = SourceMerge.objects.filter(into=obj).select_related("merged")
        done = [
            format_html("<li>{} {}</li>", _("Merged into this one:"), m.merged.name)
            for m in merged_names
        ]
        if not rows and not done:
            return format_html("{}", _("None found."))
        return format_html(
            "<ul>{}</ul>{}",
            format_html_join("", "{}", ((r,) for r in [*rows, *done])),
            format_html(
                '<p class="help">{}</p>',
                _(
                    "Merging moves its claims, documents, evidence and aliases "
                    "here and keeps its name as an alias."
                ),
            )
            if rows
            else "",
        )
