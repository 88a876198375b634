from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running Claimdesk: health check, request ids, backups, a forgiving cache."""

    name = "ops"
    verbose_name = _("Operations")
