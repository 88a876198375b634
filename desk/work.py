"""The desk's pages for work that reaches people and for how the desk is doing:
notifications and their settings, watching a claim, saved filters of the claims
list, and the dashboard (with its CSV). Thin views over ``claims.services`` and
``claims.dashboard``."""

from __future__ import annotations

import csv
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from claims import services
from claims.dashboard import AGE_BUCKETS, OPEN_STATUSES, Figures, desk_figures
from claims.models import Claim, Notification, Rating, SavedFilter, Status
from claims.services.work import notification_text, wants_email
from desk.admin.base import actor, error_text

from . import charts

CHANGELIST = "admin:claims_claim_changelist"


def _context(request: HttpRequest, title: str, **extra: Any) -> dict[str, Any]:
    from django.contrib import admin

    return {**admin.site.each_context(request), "title": title, **extra}


def _require_view(request: HttpRequest) -> None:
    if not request.user.has_perm("claims.view_claim"):
        raise PermissionDenied


# -- notifications --


def notifications_view(request: HttpRequest) -> HttpResponse:
    """The signed-in person's notifications, newest first; POST marks them read."""
    user = actor(request)
    if request.method == "POST":
        services.notifications_mark_read(user=user)
        messages.success(request, _("All notifications are marked read."))
        return HttpResponseRedirect(reverse("admin:notifications"))
    rows = list(
        Notification.objects.for_user(user).with_list_related().newest_first()[:100]
    )
    items = [(n, notification_text(n)) for n in rows]
    return TemplateResponse(
        request,
        "admin/desk/notifications.html",
        _context(
            request,
            _("Notifications"),
            items=items,
            email_on=wants_email(user),
        ),
    )


def notification_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of your notifications read and open its claim."""
    user = actor(request)
    n = get_object_or_404(Notification.objects.for_user(user), pk=pk)
    services.notifications_mark_read(user=user, ids=[n.pk])
    return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[n.claim_id]))


def _email_languages() -> list[tuple[str, str]]:
    site = dict(settings.LANGUAGES).get(settings.LANGUAGE_CODE, settings.LANGUAGE_CODE)
    return [
        ("", _("The site's language (%(name)s)") % {"name": _(site)}),
        *((code, _(name)) for code, name in settings.LANGUAGES),
    ]


class NotificationSettingForm(forms.Form):
    email = forms.BooleanField(
        label=gettext_lazy("Email me my notifications"), required=False
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Write my emails in"), required=False, choices=()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = _email_languages()  # type: ignore[attr-defined]


def notification_settings_view(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    if request.method == "POST":
        form = NotificationSettingForm(request.POST)
        if form.is_valid():
            services.notification_setting_save(
                user=user,
                email=form.cleaned_data["email"],
                language=form.cleaned_data["language"],
            )
            messages.success(request, _("Your notification setting is saved."))
            return HttpResponseRedirect(reverse("admin:notifications"))
    else:
        chosen = services.notification_setting(user)
        form = NotificationSettingForm(
            initial={"email": chosen.email, "language": chosen.language}
        )
    return TemplateResponse(
        request,
        "admin/desk/notification_settings.html",
        _context(request, _("Notification settings"), form=form),
    )


# -- watching --


def watch_view(request: HttpRequest, object_id: str) -> HttpResponse:
    """POST ``watch=1`` starts watching the claim, ``watch=0`` stops."""
    _require_view(request)
    if request.method != "POST" or not object_id.isdecimal():
        return HttpResponseRedirect(reverse(CHANGELIST))
    claim = get_object_or_404(Claim, pk=int(object_id) if len(object_id) < 19 else 0)
    user = actor(request)
    if request.POST.get("watch") == "1":
        services.claim_watch(claim=claim, by=user)
        messages.success(request, _("You are watching this claim."))
    else:
        services.claim_unwatch(claim=claim, by=user)
        messages.success(request, _("You no longer watch this claim."))
    return HttpResponseRedirect(reverse("admin:claims_claim_change", args=[claim.pk]))


# -- saved filters --


def saved_filter_save_view(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    if request.method != "POST":
        return HttpResponseRedirect(reverse(CHANGELIST))
    query = request.POST.get("query", "")
    try:
        services.saved_filter_save(
            owner=actor(request), name=request.POST.get("name", ""), query=query
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The filter is saved."))
    back = reverse(CHANGELIST)
    query = query.strip().lstrip("?")
    return HttpResponseRedirect(f"{back}?{query}" if query else back)


def saved_filter_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a saved filter: anyone at the desk may follow its link."""
    _require_view(request)
    saved = get_object_or_404(SavedFilter, pk=pk)
    url = f"{reverse(CHANGELIST)}?{saved.query}" if saved.query else reverse(CHANGELIST)
    if not url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        url = reverse(CHANGELIST)
    return HttpResponseRedirect(url)


def saved_filter_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_view(request)
    if request.method == "POST":
        saved = get_object_or_404(SavedFilter, pk=pk)
        try:
            services.saved_filter_delete(saved=saved, by=actor(request))
        except PermissionDenied as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The saved filter is deleted."))
    return HttpResponseRedirect(reverse(CHANGELIST))


# -- the dashboard --


class DashboardForm(forms.Form):
    weeks = forms.IntegerField(
        label=gettext_lazy("Weeks"), min_value=4, max_value=156, required=False
    )
    end = forms.DateField(
        label=gettext_lazy("Up to the week of"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


AGE_LABELS = {
    "week": gettext_lazy("under a week"),
    "month": gettext_lazy("1–4 weeks"),
    "quarter": gettext_lazy("1–3 months"),
    "older": gettext_lazy("over 3 months"),
}


def dashboard_view(request: HttpRequest) -> HttpResponse:
    """How the desk is doing over a window of weeks; ``?format=csv`` downloads
    the same figures. Each fact-checker's throughput is for editors only."""
    _require_view(request)
    form = DashboardForm(request.GET or None)
    weeks, end = 26, None
    if form.is_bound and form.is_valid():
        weeks = form.cleaned_data["weeks"] or 26
        end = form.cleaned_data["end"]
    figures = desk_figures(weeks=weeks, end=end)
    see_people = request.user.has_perm("claims.view_throughput")
    if request.GET.get("format") == "csv":
        return _csv(figures, see_people)
    query = urlencode({"weeks": weeks, **({"end": end.isoformat()} if end else {})})
    verdicts = _verdict_rows(figures)
    return TemplateResponse(
        request,
        "admin/desk/dashboard.html",
        _context(
            request,
            _("How the desk is doing"),
            form=form,
            f=figures,
            see_people=see_people,
            csv_url=f"{reverse('admin:dashboard')}?{query}&format=csv",
            charts=_charts(figures, verdicts),
            verdicts=verdicts,
            backlog_rows=_backlog_rows(figures),
            age_labels=[AGE_LABELS[key] for _d, key in AGE_BUCKETS],
            weekly=list(
                zip(
                    figures.weeks,
                    figures.captured,
                    figures.submitted,
                    figures.published,
                    figures.capture_to_publication,
                    figures.submission_to_publication,
                    strict=True,
                )
            ),
        ),
    )


def _backlog_rows(f: Figures) -> list[tuple[str, list[int]]]:
    return [
        (str(Status(s).label), [f.backlog[s][key] for _d, key in AGE_BUCKETS])
        for s in OPEN_STATUSES
    ]


VerdictRow = tuple[int, str, str, list[int]]


def _verdict_rows(f: Figures) -> list[VerdictRow]:
    """``f.verdicts`` with each rating's label in the reader's language: the
    figures are cached for every reader, with the ratings' stored labels."""
    ratings = Rating.objects.filter(pk__in=[row[0] for row in f.verdicts])
    labels = {rating.pk: rating.localized_label() for rating in ratings}
    return [
        (pk, labels.get(pk, label), colour, counts)
        for pk, label, colour, counts in f.verdicts
    ]


def _charts(f: Figures, verdicts: list[VerdictRow]) -> dict[str, Any]:
    return {
        "flow": charts.line_chart(
            title=_("Claims captured, submitted and published per week"),
            labels=f.weeks,
            series=[
                (pgettext("dashboard", "captured"), f.captured),
                (_("submitted"), f.submitted),
                (_("published"), f.published),
            ],
        ),
        "durations": charts.line_chart(
            title=_("Median days to publication, per week of publication"),
            labels=f.weeks,
            series=[
                (_("from capture"), f.capture_to_publication),
                (_("from submission"), f.submission_to_publication),
            ],
        ),
        "backlog": charts.stacked_bars(
            title=_("Open claims by status and age"),
            rows=_backlog_rows(f),
            parts=[
                (str(AGE_LABELS[key]), charts.AGE_COLOURS[i])
                for i, (_d, key) in enumerate(AGE_BUCKETS)
            ],
        ),
        "verdicts": charts.stacked_columns(
            title=_("Verdicts published per month"),
            labels=f.months,
            series=[(label, colour, counts) for _pk, label, colour, counts in verdicts],
        ),
        "claimants": charts.stacked_bars(
            title=_("Claimants with the most fact-checks published"),
            rows=[(name, [n]) for name, n in f.claimants],
            parts=[(_("published"), charts.SERIES[0])],
        ),
    }


def _csv(f: Figures, see_people: bool) -> HttpResponse:
    """The dashboard as one CSV: figure, label (a week, month, status...), series,
    value."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="claimdesk-dashboard-{f.start}-{f.end}.csv"'
    )
    write = csv.writer(response).writerow
    write(["figure", "label", "series", "value"])
    for i, week in enumerate(f.weeks):
        w = week.isoformat()
        write(["weekly", w, "captured", f.captured[i]])
        write(["weekly", w, "submitted", f.submitted[i]])
        write(["weekly", w, "published", f.published[i]])
        write(
            [
                "median_days",
                w,
                "capture_to_publication",
                _n(f.capture_to_publication[i]),
            ]
        )
        write(
            ["median_days", w, "submission_to_publication",
             _n(f.submission_to_publication[i])]
        )  # fmt: skip
    write(
        ["median_days", "window", "capture_to_publication", _n(f.median_capture_days)]
    )
    write(
        ["median_days", "window", "submission_to_publication",
         _n(f.median_submission_days)]
    )  # fmt: skip
    for status in OPEN_STATUSES:
        for _d, key in AGE_BUCKETS:
            write(["backlog", status, key, f.backlog[status][key]])
    for _pk, label, _colour, counts in f.verdicts:
        for month, n in zip(f.months, counts, strict=True):
            write(["verdicts", month.strftime("%Y-%m"), _safe(label), n])
    for name, n in f.claimants:
        write(["top_claimants", _safe(name), "published", n])
    if see_people:
        for username, submitted, published in f.throughput:
            write(["throughput", _safe(username), "submitted", submitted])
            write(["throughput", _safe(username), "published", published])
    return response


def _n(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _safe(text: str) -> str:
    """No spreadsheet formula from a name someone typed (CSV injection)."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
