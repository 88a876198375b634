from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = "Claimdesk desk"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_login_failed

        from .signals import log_refused_login

        user_login_failed.connect(log_refused_login, dispatch_uid="desk.login_refused")


class ClaimdeskAdminConfig(AdminConfig):
    """Installs ``ClaimdeskAdminSite`` as ``admin.site`` (see INSTALLED_APPS)."""

    default_site = "desk.site.ClaimdeskAdminSite"
