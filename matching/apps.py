from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "matching"
    verbose_name = _("Matching claims")

    def ready(self) -> None:
        from . import jobs, services  # noqa: F401  registers the job and the hook

        services.hook_register()
