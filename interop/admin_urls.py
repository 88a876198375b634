from django.contrib import admin
from django.urls import path

from . import admin_views

app_name = "interop-admin"

urlpatterns = [
    path(
        "",
        admin.site.admin_view(admin_views.import_fact_checks),
        name="import-fact-checks",
    ),
]
