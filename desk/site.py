"""The admin site: Claimdesk's branding and the team's queue on the index page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import URLPattern, URLResolver, path
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _


class ClaimdeskAdminSite(admin.AdminSite):
    site_header = _("Claimdesk")
    site_title = _("Claimdesk admin")
    index_title = _("Fact-checking desk")
    index_template = "admin/claimdesk_index.html"
    # The claims list needs the width more than a second copy of the index's links.
    enable_nav_sidebar = False
    #: the queue's counts are exact up to this, estimated above
    QUEUE_EXACT_UP_TO = 200
    #: how many claims each list of My work shows
    MY_WORK = 25

    def each_context(self, request: HttpRequest) -> dict[str, Any]:
        """Django's context of every desk page, with ``available_apps`` read only
        if a template asks: it is every model's permission checks and URLs, for
        the navigation sidebar this site turns off, and was a quarter of what a
        plain desk page cost."""
        script_name = request.META["SCRIPT_NAME"]
        site_url = (
            script_name if self.site_url == "/" and script_name else self.site_url
        )
        return {  # as AdminSite.each_context (tests/desk/test_site.py compares)
            "site_title": self.site_title,
            "site_header": self.site_header,
            "site_url": site_url,
            "has_permission": self.has_permission(request),
            "available_apps": SimpleLazyObject(lambda: self.get_app_list(request)),
            "is_popup": False,
            "is_nav_sidebar_enabled": self.enable_nav_sidebar,
            "log_entries": self.get_log_entries(request),
        }

    def get_urls(self) -> list[URLResolver | URLPattern]:
        from . import twofactor, work

        return [
            path("dashboard/", self.admin_view(work.dashboard_view), name="dashboard"),
            path(
                "notifications/",
                self.admin_view(work.notifications_view),
                name="notifications",
            ),
            path(
                "notifications/<int:pk>/open/",
                self.admin_view(work.notification_open_view),
                name="notification-open",
            ),
            path(
                "notifications/settings/",
                self.admin_view(work.notification_settings_view),
                name="notification-settings",
            ),
            path(
                "claims/claim/<path:object_id>/watch/",
                self.admin_view(work.watch_view),
                name="claim-watch",
            ),
            path(
                "saved-filters/",
                self.admin_view(work.saved_filter_save_view),
                name="saved-filter-save",
            ),
            path(
                "saved-filters/<int:pk>/",
                self.admin_view(work.saved_filter_open_view),
                name="saved-filter",
            ),
            path(
                "saved-filters/<int:pk>/delete/",
                self.admin_view(work.saved_filter_delete_view),
                name="saved-filter-delete",
            ),
            path(
                "2fa/",
                self.admin_view(twofactor.verify_view),
                name="2fa-verify",
            ),
            path(
                "2fa/setup/",
                self.admin_view(twofactor.setup_view),
                name="2fa-setup",
            ),
            *super().get_urls(),
        ]

    def index(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> TemplateResponse:
        from django.utils import timezone

        from claims.models import Claim, SavedFilter, Status
        from claims.status import CLOSED_STATUSES
        from desk.pagination import capped_counts

        context = dict(extra_context or {})
        today = timezone.localdate()
        if request.user.has_perm("claims.view_claim"):
            claims = Claim.objects.active()
            # Exact up to QUEUE_EXACT_UP_TO, else the planner's estimate: two
            # queries, where a GROUP BY status read every claim.
            *counts, unassigned_new = capped_counts(
                [claims.filter(status=s) for s in Status.values]
                + [claims.unassigned().filter(status=Status.NEW)],
                cap=self.QUEUE_EXACT_UP_TO,
            )
            listed = claims.select_related("assignee")  # what the lists show
            context["queue"] = {
                "counts": [
                    (s, label, count)
                    for (s, label), count in zip(Status.choices, counts, strict=True)
                ],
                # My work: what is assigned to me, overdue first ...
                "mine": listed.assigned_to(request.user)
                .exclude(status__in=CLOSED_STATUSES)
                .overdue_first(today)[: self.MY_WORK],
                # ... then, for editors, what waits for their review.
                "awaiting_review": listed.awaiting_review().order_by("updated_at")[
                    : self.MY_WORK
                ]
                if request.user.has_perm("claims.publish_claim")
                else None,
                "unassigned_new": unassigned_new,
                "today": today,
                "saved_filters": SavedFilter.objects.for_user(request.user),
            }
        return super().index(request, context)
