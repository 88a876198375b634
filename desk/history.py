"""Each object's history in the desk: readable diffs and restoring a version.

The History button of every desk page lists the object's versions (django-simple-
history) with what changed: old value, new value, who and when; long texts are
compared word by word. Editors may restore an earlier version of an object the public
does not see yet; a published one changes only through a correction. The restore goes
through the same save (services, version check) as the change form, and its history
row says which version it restored.
"""

from __future__ import annotations

import difflib
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper

from claims.models.history import change_reason

#: Texts longer than this are compared word by word rather than shown whole.
WORD_DIFF_FROM = 80

#: Bookkeeping that every save changes: not worth a line in "what changed".
QUIET_FIELDS = {"version", "updated_at", "updated_by"}


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """``old`` with the removed words in <del>, ``new`` with the added ones in <ins>."""
    a, b = old.split(), new.split()
    old_html: list[str] = []
    new_html: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b).get_opcodes():
        left = conditional_escape(" ".join(a[i1:i2]))
        right = conditional_escape(" ".join(b[j1:j2]))
        if op == "equal":
            old_html.append(left)
            new_html.append(right)
            continue
        if left:
            old_html.append(format_html("<del>{}</del>", left))
        if right:
            new_html.append(format_html("<ins>{}</ins>", right))
    return mark_safe(" ".join(old_html)), mark_safe(" ".join(new_html))


class DiffHelper(HistoricalRecordContextHelper):
    """Whole values for short fields, a word-level diff for long texts; an empty
    value reads as a dash rather than as nothing."""

    def stringify_delta_change_values(
        self, change: ModelChange, old: Any, new: Any
    ) -> tuple[SafeString, SafeString]:
        long_text = isinstance(old, str) and isinstance(new, str)
        if long_text and max(len(old), len(new)) > WORD_DIFF_FROM:
            return word_diff(old, new)

        def show(value: Any) -> SafeString:
            if value in (None, "", []):
                return mark_safe("—")
            if isinstance(value, list):
                return conditional_escape(", ".join(map(str, value)))
            return conditional_escape(str(value))

        return show(old), show(new)

    def context_for_delta_changes(self, delta: Any) -> list[dict[str, Any]]:
        return [
            row
            for row, change in zip(
                super().context_for_delta_changes(delta), delta.changes, strict=True
            )
            if change.field not in QUIET_FIELDS
        ]


class HistoryAdmin(SimpleHistoryAdmin):
    """The History button's page with diffs, and editors' restore."""

    restore_permission = "claims.publish_claim"

    def get_historical_record_context_helper(
        self, request: HttpRequest, historical_record: Any
    ) -> HistoricalRecordContextHelper:
        return DiffHelper(self.model, historical_record)

    def is_public(self, obj: Any) -> bool:
        """Whether the public sees ``obj`` (then only a correction changes it)."""
        return False

    def revert_disabled(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None or self.is_public(obj):
            return True
        if not request.user.has_perm(self.restore_permission):
            return True
        return not self.has_change_permission(request, obj)

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        if getattr(request, "_restoring", False) and hasattr(obj, "version"):
            # The version being viewed carries its old version number; the form must
            # carry the current one, or the restore is refused as a stale save.
            obj.version = (
                type(obj)
                ._base_manager.filter(pk=obj.pk)
                .values_list("version", flat=True)
                .first()
                or obj.version
            )
        return super().get_form(request, obj, change, **kwargs)

    def history_view(
        self,
        request: HttpRequest,
        object_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if not (object_id.isdecimal() and int(object_id) < 2**63):
            raise Http404  # a junk id (NUL, words, 10^23) is no row, never a 500
        return super().history_view(request, object_id, extra_context)

    def history_form_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if not all(x.isdecimal() and int(x) < 2**63 for x in (object_id, version_id)):
            raise Http404
        if request.method != "POST":
            request._restoring = True  # type: ignore[attr-defined]
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )
        return self.restore_version(request, object_id, version_id)

    def restore_version(
        self, request: HttpRequest, object_id: str, version_id: str
    ) -> HttpResponse:
        """Save the posted form (the chosen version's values) over the current
        object through the ordinary save, noting the version restored."""
        history_model = self.model.history.model  # type: ignore[attr-defined]
        version = get_object_or_404(
            history_model, history_id=version_id, **{self.opts.pk.attname: object_id}
        )
        current = get_object_or_404(self.get_queryset(request), pk=object_id)
        if self.revert_disabled(request, current):
            raise PermissionDenied
        form_class = self.get_form(request, current, change=True)
        form = form_class(request.POST, request.FILES, instance=current)
        back = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_simple_history",
            args=[object_id, version_id],
        )
        if not form.is_valid():
            errors = "; ".join(str(e) for errs in form.errors.values() for e in errs)
            self.message_user(request, errors, messages.ERROR)
            return HttpResponseRedirect(back)
        when = date_format(localtime(version.history_date), "DATETIME_FORMAT")
        reason = _("Restored the version of %(when)s") % {"when": when}
        try:
            with change_reason(reason):
                obj = self.save_form(request, form, change=True)
                self.save_model(request, obj, form, change=True)
                self.save_related(request, form, [], change=True)
        except Exception as exc:  # the services' refusals: conflict, workflow
            from django.core.exceptions import ValidationError

            if not isinstance(exc, ValidationError | PermissionDenied):
                raise
            self.message_user(
                request, str(getattr(exc, "messages", [exc])[0]), messages.ERROR
            )
            return HttpResponseRedirect(back)
        self.log_change(
            request, obj, _("Restored the version of %(when)s") % {"when": when}
        )
        self.message_user(
            request,
            _("Restored the version of %(when)s.") % {"when": when},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(
            reverse(
                f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
                args=[object_id],
            )
        )


def related_history(claim_id: int, limit: int = 200) -> list[dict[str, Any]]:
    """The history of a claim's translations, dates, appearances, evidence, notes
    and corrections, newest first, each change with its diff against the row's
    previous version."""
    from claims.models import (
        Appearance,
        ClaimDate,
        ClaimTranslation,
        Correction,
        Evidence,
        Note,
    )

    entries: list[dict[str, Any]] = []
    for model in (ClaimTranslation, ClaimDate, Appearance, Evidence, Note, Correction):
        records = list(
            model.history.filter(claim_id=claim_id)  # type: ignore[attr-defined]
            .select_related("history_user")
            .order_by("id", "history_date", "history_id")
        )
        previous: dict[int, Any] = {}
        for record in records:
            before = previous.get(record.id)
            changes = []
            if before is not None and record.history_type == "~":
                delta = record.diff_against(before)
                changes = DiffHelper(model, record).context_for_delta_changes(delta)
            previous[record.id] = record
            entries.append(
                {"kind": model._meta.verbose_name, "record": record, "changes": changes}
            )
    entries.sort(key=lambda e: e["record"].history_date, reverse=True)
    return entries[:limit]
