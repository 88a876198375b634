from django.contrib import admin
from django.urls import include, path

from ops.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/import/fact-checks/", include("interop.admin_urls")),
    path("admin/import/", include("ingest.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("api.urls")),
    path("", include("interop.urls")),
    path("", include("public.urls")),
]

handler500 = "ops.views.server_error"
