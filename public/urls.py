from django.templatetags.static import static
from django.urls import path
from django.views.generic import RedirectView

from . import feeds, views
from .caching import public_cache
from .sitemaps import sitemap_index, sitemap_section

app_name = "claims"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("claims/", views.ClaimListView.as_view(), name="claim-list"),
    path("claims/<int:pk>/", views.ClaimDetailView.as_view(), name="claim-detail"),
    path("claims/<int:pk>/card.png", views.claim_share_card, name="claim-share-card"),
    path(
        "evidence/<int:pk>/capture.warc.gz",
        views.evidence_capture_download,
        name="evidence-capture",
    ),
    path(
        "documents/<int:pk>/capture.warc.gz",
        views.document_capture_download,
        name="document-capture",
    ),
    path(
        "sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source-detail"
    ),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("corrections/", views.CorrectionListView.as_view(), name="correction-list"),
    path(
        "corrections/feed/",
        public_cache(feeds.CorrectionsFeed()),
        name="corrections-feed",
    ),
    path("feeds/rss/", public_cache(feeds.LatestClaimsFeed()), name="feed-rss"),
    path(
        "feeds/atom/",
        public_cache(feeds.LatestClaimsAtomFeed()),
        name="feed-atom",
    ),
    path(
        "feeds/tags/<slug:slug>/rss/",
        public_cache(feeds.TagClaimsFeed()),
        name="tag-feed-rss",
    ),
    path(
        "feeds/tags/<slug:slug>/atom/",
        public_cache(feeds.TagClaimsAtomFeed()),
        name="tag-feed-atom",
    ),
    path("sitemap.xml", public_cache(sitemap_index), name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        public_cache(sitemap_section),
        name="sitemap-section",
    ),
    # Browsers that ask before reading the page's <link rel="icon">
    path(
        "favicon.ico",
        RedirectView.as_view(url=static("favicon.svg"), permanent=True),
        name="favicon",
    ),
    path("robots.txt", views.RobotsView.as_view(), name="robots"),
    path("verdicts.css", views.verdict_colours, name="verdict-colours"),
    path("language/", views.switch_language, name="set-language"),
]
