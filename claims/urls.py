from django.urls import path

from . import views

app_name = "claims"

urlpatterns = [
    path("", views.home, name="home"),
    path("claims/<int:pk>/", views.claim_detail, name="claim-detail"),
    path("sources/<slug:slug>/", views.source_detail, name="source-detail"),
]
