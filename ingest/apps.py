from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IngestConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ingest"
    verbose_name = _("Article import")

    def ready(self) -> None:
        from . import jobs  # noqa: F401  registers the import job's handler
