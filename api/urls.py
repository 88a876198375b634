from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"


class Router(DefaultRouter):
    include_format_suffixes = False
    APIRootView = views.RootView


router = Router()
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("sources", views.SourceViewSet, basename="source")
router.register("ratings", views.RatingViewSet, basename="rating")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The schema as a page to read and try (Swagger UI from drf-spectacular-sidecar,
    # served from our own static files: no CDN, within the Content-Security-Policy).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
    path("", include(router.urls)),
]
