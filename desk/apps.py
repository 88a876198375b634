from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class DeskConfig(AppConfig):
    name = "desk"
    verbose_name = "Claimdesk desk"


class ClaimdeskAdminConfig(AdminConfig):
    """Installs ``ClaimdeskAdminSite`` as ``admin.site`` (see INSTALLED_APPS)."""

    default_site = "desk.site.ClaimdeskAdminSite"
