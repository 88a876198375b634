"""Absolute links to the public site, whatever host a request came through."""

from __future__ import annotations

from urllib.parse import urljoin

from django.conf import settings


def site_url(path: str = "/") -> str:
    """An absolute URL on the public site (``CLAIMDESK_SITE_URL``): canonical links,
    JSON-LD, feeds, sitemaps and the API use it."""
    return urljoin(settings.CLAIMDESK_SITE_URL.rstrip("/") + "/", path.lstrip("/"))
