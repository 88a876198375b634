from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = "Claimdesk desk"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.models.signals import m2m_changed

        from .roles import groups_changed
        from .sessions import stamp_login
        from .signals import log_refused_login

        user_login_failed.connect(log_refused_login, dispatch_uid="desk.login_refused")
        user_logged_in.connect(stamp_login, dispatch_uid="desk.session_clock")
        m2m_changed.connect(
            groups_changed,
            sender=get_user_model().groups.through,
            dispatch_uid="desk.roles_make_staff",
        )


class ClaimdeskAdminConfig(AdminConfig):
    """Installs ``ClaimdeskAdminSite`` as ``admin.site`` (see INSTALLED_APPS)."""

    default_site = "desk.site.ClaimdeskAdminSite"

    def ready(self) -> None:
        super().ready()  # autodiscover: every app's admin is registered by now
        from desk.admin.base import guard_registered_admins

        guard_registered_admins()
