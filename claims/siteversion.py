"""The site-wide version: one token in the cache that changes whenever anything a
count or facet shows may have changed (a publication, correction, retraction, an
archived claim, a renamed source or tag: every ``bump_page_version``).

Caches of counts and facets put it in their keys (``cached_facet``), so a bump makes
every such entry unreachable at once, with no list of keys to delete. A lost token
(cache flushed or evicted) is simply a new version.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

KEY = "claimdesk:site-version"
T = TypeVar("T")


def site_version() -> str:
    version = cache.get(KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(KEY, version, timeout=None):
            version = cache.get(KEY) or version
    return str(version)


def _new_version() -> None:
    cache.set(KEY, uuid.uuid4().hex, timeout=None)


def site_version_bump() -> None:
    """Invalidate every cached count and facet: now, so this transaction's reader
    sees fresh figures, and again at commit, so a figure computed by another request
    between the two (from the data before the commit) is never reused."""
    _new_version()
    transaction.on_commit(_new_version)


def cached_facet(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, kept in the cache under ``name`` until the site version moves
    (or ``CLAIMDESK_FACET_CACHE_SECONDS`` pass: the bound on staleness when each
    process has its own cache)."""
    key = f"claimdesk:facet:{name}:{site_version()}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=settings.CLAIMDESK_FACET_CACHE_SECONDS)
    return value  # type: ignore[no-any-return]
