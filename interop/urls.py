from django.urls import path

from . import views

app_name = "interop"

urlpatterns = [
    path("claimreview.json", views.claimreview_feed_view, name="claimreview-feed"),
]
