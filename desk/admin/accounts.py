"""People and their sign-ins: users with their roles; locked sign-ins to lift. Each
answers hostile URLs and posts like every other changelist (``HostileInputAdmin``)."""

from __future__ import annotations

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from desk.admin.base import HostileInputAdmin

from ..roles import ROLE_GROUPS

User = get_user_model()


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list:
        return [(name, _(name)) for name in ROLE_GROUPS] + [("none", _("No role"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value == "none":
            return queryset.exclude(groups__name__in=ROLE_GROUPS)
        if value in ROLE_GROUPS:
            return queryset.filter(groups__name=value)
        return queryset


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class ClaimdeskUserAdmin(HostileInputAdmin, UserAdmin):
    """Django's user admin, with the roles that open the desk in the list."""

    list_display = ("username", "email", "roles", "is_staff", "is_superuser")
    list_filter = (RoleFilter, "is_staff", "is_superuser", "is_active")

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "groups",
                    queryset=Group.objects.filter(name__in=ROLE_GROUPS),
                    to_attr="role_groups",
                )
            )
        )

    @admin.display(description=_("roles"))
    def roles(self, user: object) -> str:
        names = [_(g.name) for g in getattr(user, "role_groups", [])]
        return ", ".join(str(n) for n in names) or "—"


@admin.register(Group)
class ClaimdeskGroupAdmin(HostileInputAdmin, GroupAdmin):
    pass


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class SignInAttemptAdmin(HostileInputAdmin, AccessAttemptAdmin):
    """axes' failed-sign-in counters, with "Unlock" to lift a lockout early."""

    actions = ["unlock", *AccessAttemptAdmin.actions]

    @admin.action(
        permissions=["delete"], description=_("Unlock: allow these sign-ins again")
    )
    def unlock(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = queryset.count()
        queryset.delete()
        self.message_user(
            request,
            ngettext(
                "Unlocked %(count)d sign-in: its failures are forgotten.",
                "Unlocked %(count)d sign-ins: their failures are forgotten.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
