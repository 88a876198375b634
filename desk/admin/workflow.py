"""Workflow actions in the admin: the confirmation page for one claim's
transition (or correction) and the bulk actions, all calling ``claims.services``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from claims import services
from claims.models import (
    Claim,
)
from claims.services import TRANSITIONS, ConflictError, WorkflowError
from claims.services.workflow import claim_readiness
from desk.admin.base import BaseAdmin, actor, error_text, status_badge
from desk.forms import (
    AssignForm,
    CorrectionForm,
    TransitionForm,
)


class ClaimWorkflowAdmin(BaseAdmin):
    """The transition view and bulk transition actions that ``ClaimAdmin`` builds on."""

    # -- workflow: one claim --

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<path:object_id>/transition/<str:name>/",
                self.admin_site.admin_view(self.transition_view),
                name="claims_claim_transition",
            ),
            *super().get_urls(),
        ]

    def transition_view(
        self, request: HttpRequest, object_id: str, name: str
    ) -> HttpResponse:
        """Confirm a workflow action on one claim, with its comment or correction."""
        if name not in TRANSITIONS or not object_id.isdigit():
            raise Http404
        claim = get_object_or_404(Claim.objects.select_related("verdict"), pk=object_id)
        transition = TRANSITIONS[name]
        if not self.has_view_permission(request, claim):
            raise PermissionDenied
        change_url = reverse("admin:claims_claim_change", args=[claim.pk])
        is_correction = name == "correct"
        form: CorrectionForm | TransitionForm
        if request.method == "POST":
            if is_correction:
                form = CorrectionForm(request.POST)
            else:
                form = TransitionForm(
                    request.POST, comment_required=transition.comment_required
                )
            if form.is_valid():
                try:
                    if is_correction:
                        services.claim_correct(
                            claim=claim,
                            by=actor(request),
                            note=form.cleaned_data["note"],
                            verdict=form.cleaned_data["verdict"],
                            summary=form.cleaned_data["summary"] or None,
                            expected_version=form.cleaned_data["version"],
                        )
                    else:
                        services.claim_transition(
                            claim=claim,
                            by=actor(request),
                            name=name,
                            comment=form.cleaned_data["comment"],
                            expected_version=form.cleaned_data["version"],
                        )
                except (WorkflowError, ConflictError, PermissionDenied) as exc:
                    form.add_error(None, error_text(exc))
                else:
                    self.message_user(
                        request,
                        _("%(action)s: done. The claim is now %(status)s.")
                        % {
                            "action": transition.label,
                            "status": claim.get_status_display(),
                        },
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(change_url)
        elif is_correction:
            form = CorrectionForm(
                initial={
                    "verdict": claim.verdict,
                    "summary": claim.verdict_summary,
                    "version": claim.version,
                }
            )
        else:
            form = TransitionForm(
                initial={"version": claim.version},
                comment_required=transition.comment_required,
            )
        if name == "retract" and "comment" in form.fields:
            form.fields["comment"].help_text = _(
                "Public: shown, dated, at the top of the retracted fact-check's page. "
                "Say why it no longer stands."
            )
        allowed = claim.status in transition.sources and request.user.has_perm(
            transition.permission
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"{transition.label}: {claim}",
            "opts": self.opts,
            "claim": claim,
            "transition": transition,
            "form": form,
            "allowed": allowed,
            "change_url": change_url,
            "status_badge": status_badge(claim.status),
            "target_badge": status_badge(transition.target),
            "checklist": claim_readiness(claim)
            if name in ("submit", "publish")
            else None,
        }
        return TemplateResponse(request, "admin/claims/claim/transition.html", context)

    # -- workflow: bulk actions --

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        for name, transition in TRANSITIONS.items():
            key = f"action_{name}"
            if key in actions and not request.user.has_perm(transition.permission):
                del actions[key]
        if not request.user.has_perm("claims.archive_claim"):
            actions.pop("archive", None)
            actions.pop("restore", None)
        if not request.user.has_perm("claims.change_claim"):
            actions.pop("assign_to_me", None)
        if not request.user.has_perm("claims.assign_claim"):
            actions.pop("assign_to", None)
        return actions

    def _bulk(
        self, request: HttpRequest, queryset: QuerySet, name: str
    ) -> HttpResponse | None:
        transition = TRANSITIONS[name]
        comment = ""
        if transition.comment_required:
            form = TransitionForm(
                request.POST if "apply" in request.POST else None,
                comment_required=True,
                with_version=False,
            )
            if not form.is_bound or not form.is_valid():
                context = {
                    **self.admin_site.each_context(request),
                    "title": transition.label,
                    "opts": self.opts,
                    "claims": queryset,
                    "form": form,
                    "action": f"action_{name}",
                    "transition": transition,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                }
                return TemplateResponse(
                    request, "admin/claims/claim/bulk_transition.html", context
                )
            comment = form.cleaned_data["comment"]
        self._apply_each(
            request,
            queryset,
            transition.label,
            name,
            comment,
            # No version: the list shows no claim's content, and the state check
            # under the row lock refuses a claim that has moved on meanwhile.
            lambda claim: services.claim_transition(
                claim=claim, by=actor(request), name=name, comment=comment
            ),
        )
        return None

    def _as_job(self, queryset: QuerySet) -> bool:
        return queryset.count() > settings.CLAIMDESK_BULK_JOB_THRESHOLD

    def _apply_each(
        self,
        request: HttpRequest,
        queryset: QuerySet,
        label: Any,
        action: str,
        comment: str,
        apply: Any,
    ) -> None:
        if self._as_job(queryset):
            job = services.claims_bulk_start(
                action=action,
                by=actor(request),
                claim_ids=list(queryset.order_by("pk").values_list("pk", flat=True)),
                comment=comment,
            )
            self.message_user(
                request,
                format_html(
                    '{} <a href="{}">{}</a>',
                    _("%(action)s: %(n)d claims, as a job in the background.")
                    % {"action": label, "n": len(job.args["ids"])},
                    reverse("admin:claims_job_change", args=[job.pk]),
                    _("Follow its progress"),
                ),
                messages.SUCCESS,
            )
            return
        done, refused = 0, []
        for claim in queryset:
            try:
                apply(claim)
                done += 1
            except (WorkflowError, ConflictError, PermissionDenied) as exc:
                refused.append(f"#{claim.pk}: {error_text(exc)}")
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(action)s: %(n)d claim done.",
                    "%(action)s: %(n)d claims done.",
                    done,
                )
                % {"action": label, "n": done},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                format_html(
                    "{} {}",
                    ngettext(
                        "%(n)d claim refused:", "%(n)d claims refused:", len(refused)
                    )
                    % {"n": len(refused)},
                    "; ".join(refused[:20]),
                ),
                messages.ERROR,
            )

    @admin.action(description=_("Assign to me"))
    def assign_to_me(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply_each(
            request,
            queryset,
            _("Assign to me"),
            "assign_to_me",
            "",
            lambda claim: services.claim_assign(
                claim=claim, by=actor(request), assignee=actor(request)
            ),
        )

    @admin.action(description=_("Assign to… (with a due date)"))
    def assign_to(self, request: HttpRequest, queryset: QuerySet) -> Any:
        """Give the selected claims to one person, with an optional due date: a
        page asks whom; each claim is assigned through ``claim_assign``."""
        form = AssignForm(request.POST if "apply" in request.POST else None)
        if not form.is_bound or not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": _("Assign to…"),
                "opts": self.opts,
                "claims": queryset[: settings.CLAIMDESK_BULK_JOB_THRESHOLD],
                "form": form,
                "action": "assign_to",
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(
                request, "admin/claims/claim/bulk_assign.html", context
            )
        if self._as_job(queryset):
            self.message_user(
                request,
                _("Select at most %(n)d claims to assign at once.")
                % {"n": settings.CLAIMDESK_BULK_JOB_THRESHOLD},
                messages.ERROR,
            )
            return None
        assignee, due_on = form.cleaned_data["assignee"], form.cleaned_data["due_on"]
        keep = {} if due_on is None else {"due_on": due_on}
        done, refused = 0, []
        for claim in queryset:
            try:
                services.claim_assign(
                    claim=claim, by=actor(request), assignee=assignee, **keep
                )
                done += 1
            except (WorkflowError, ConflictError, PermissionDenied) as exc:
                refused.append(f"#{claim.pk}: {error_text(exc)}")
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(n)d claim assigned to %(who)s.",
                    "%(n)d claims assigned to %(who)s.",
                    done,
                )
                % {"n": done, "who": assignee.get_username()},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(request, "; ".join(refused[:20]), messages.ERROR)
        return None

    @admin.action(description=_("Archive selected"))
    def archive(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply_each(
            request,
            queryset,
            _("Archive"),
            "archive",
            "",
            lambda claim: services.claim_archive(claim=claim, by=actor(request)),
        )

    @admin.action(description=_("Restore selected"))
    def restore(self, request: HttpRequest, queryset: QuerySet) -> None:
        self._apply_each(
            request,
            queryset,
            _("Restore"),
            "restore",
            "",
            lambda claim: services.claim_restore(claim=claim, by=actor(request)),
        )

    @admin.action(description=TRANSITIONS["start_research"].label)
    def action_start_research(self, request: HttpRequest, queryset: QuerySet) -> Any:
        return self._bulk(request, queryset, "start_research")

    @admin.action(description=TRANSITIONS["submit"].label)
    def action_submit(self, request: HttpRequest, queryset: QuerySet) -> Any:
        return self._bulk(request, queryset, "submit")

    @admin.action(description=TRANSITIONS["send_back"].label)
    def action_send_back(self, request: HttpRequest, queryset: QuerySet) -> Any:
        return self._bulk(request, queryset, "send_back")

    @admin.action(description=TRANSITIONS["publish"].label)
    def action_publish(self, request: HttpRequest, queryset: QuerySet) -> Any:
        return self._bulk(request, queryset, "publish")

    @admin.action(description=TRANSITIONS["mark_not_checkable"].label)
    def action_mark_not_checkable(
        self, request: HttpRequest, queryset: QuerySet
    ) -> Any:
        return self._bulk(request, queryset, "mark_not_checkable")

    @admin.action(description=TRANSITIONS["retract"].label)
    def action_retract(self, request: HttpRequest, queryset: QuerySet) -> Any:
        return self._bulk(request, queryset, "retract")
