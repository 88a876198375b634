from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteropConfig(AppConfig):
    name = "interop"
    verbose_name = _("Exchanging fact-checks")

    def ready(self) -> None:
        from . import jobs  # noqa: F401  registers the file import job's handler
