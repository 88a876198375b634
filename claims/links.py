"""Absolute links to the public site, whatever host a request came through."""

from __future__ import annotations

from contextvars import ContextVar
from urllib.parse import urljoin, urlsplit

from django.conf import settings

#: The origin (``http://host:port``) of the request being served, set by
#: ``config.middleware.RequestSiteUrlMiddleware`` where
#: ``CLAIMDESK_SITE_URL_FROM_REQUEST`` is on (development), else unset.
request_origin: ContextVar[str | None] = ContextVar("request_origin", default=None)


def site_origin() -> str:
    """Where the public site is: in development the host the request came through
    (``make run PORT=8123``, a phone on the LAN), else ``CLAIMDESK_SITE_URL``."""
    return request_origin.get() or settings.CLAIMDESK_SITE_URL


def site_url(path: str = "/") -> str:
    """An absolute URL on the public site (``site_origin``): canonical links,
    JSON-LD, feeds, sitemaps and the API use it."""
    return urljoin(site_origin().rstrip("/") + "/", path.lstrip("/"))


#: The schemes a stored URL may have to become a link: the web's own. Anything else
#: (javascript:, data:, vbscript:, a relative path) is shown as text.
SAFE_SCHEMES = frozenset({"http", "https"})
_IGNORED_BY_BROWSERS = dict.fromkeys(map(ord, "\t\n\r"))


def safe_url(url: str | None) -> str:
    """``url`` when it may be an ``href``, else "": an absolute http(s) URL with a
    host. Forms validate schemes, but the importer, ``QuerySet.update``, fixtures
    or old rows can store anything, so every stored URL that becomes a link is
    passed through here. Browsers drop tabs and newlines inside a URL and trim
    spaces and control characters around it; so does this check."""
    if not url:
        return ""
    cleaned = url.translate(_IGNORED_BY_BROWSERS).strip("".join(map(chr, range(33))))
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return ""
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return ""
    return cleaned
