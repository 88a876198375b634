from django.contrib import admin
from django.urls import path

from . import views

app_name = "ingest"

urlpatterns = [
    path("", admin.site.admin_view(views.import_article), name="import-article"),
    path("sources/", admin.site.admin_view(views.sources), name="sources"),
]
