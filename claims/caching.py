"""The HTTP cache policy of everything public (the site and the API), in one place.

Anonymous GETs may be kept by shared caches for ``CLAIMDESK_PUBLIC_MAX_AGE`` seconds;
a logged-in reader's responses are private and revalidated. Responses vary by
language (``Accept-Language`` or the language cookie).

A claim's page and its API detail answer conditional GETs from the claim's
``page_version``, which the services bump on every write the page shows
(``claims.pages`` lists what that is), and the site's epoch, which counts the changes
every page shares: the catalogue's names and labels, and the related claims' cards
(``claims.models.epoch``). The ETag is a hash of nothing else: the claim, those
versions, the language and ``ETAG_VERSION``, so it cannot drift from a list of
columns. Last-Modified is the later of ``page_changed_at`` and the epoch's date, which
every bump moves at least a whole second past both, so an If-Modified-Since can never
match a newer page either.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.db.models import Field
from django.db.models.expressions import RawSQL
from django.http import HttpResponseBase
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from .models import Claim, SiteEpoch
from .models.epoch import ROW

#: Raise when the claim page's templates or the API's claim serializers change what
#: they show for the same data: every cached copy then revalidates to a 200.
ETAG_VERSION = "3"

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def cache_policy(
    response: HttpResponseBase, *, method: str, authenticated: bool
) -> HttpResponseBase:
    """Set ``Cache-Control`` and ``Vary`` on a public response to a ``method``
    request from a reader who is logged in (``authenticated``) or not."""
    if method in ("GET", "HEAD") and response.status_code in (200, 304):
        if authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            max_age = getattr(settings, "CLAIMDESK_PUBLIC_MAX_AGE", 300)
            patch_cache_control(response, public=True, max_age=max_age)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


@dataclass(frozen=True)
class PageState:
    """A claim page's version: its claim's ``page_version`` and the site's epoch
    (``claims.models.epoch``: the catalogue and the related claims every page shows)."""

    pk: int
    page_version: int
    page_changed_at: datetime
    catalogue: int = 0
    listings: int = 0
    epoch_changed_at: datetime | None = None

    @property
    def version(self) -> str:
        """The page's version: what it shows of the claim, the catalogue and the
        related claims it lists."""
        return f"{self.page_version}.{self.catalogue}.{self.listings}"

    @property
    def own_version(self) -> str:
        """The version of what shows the claim without its related claims (the API
        detail, the share card): its own rows and the catalogue's names."""
        return f"{self.page_version}.{self.catalogue}"

    @property
    def changed_at(self) -> datetime:
        if self.epoch_changed_at is None:
            return self.page_changed_at
        return max(self.page_changed_at, self.epoch_changed_at)

    def etag(self, *, language: str, variant: str) -> str:
        """The claim's ETag for one representation (``variant``: "page", "api")."""
        version = self.version if variant == "page" else self.own_version
        parts = [ETAG_VERSION, variant, str(self.pk), version, language]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]

    @property
    def last_modified(self) -> datetime | None:
        """``changed_at``, unless a burst of writes pushed it past the clock: a
        Last-Modified may not be in the future, and a capped one could repeat."""
        return self.changed_at if self.changed_at <= timezone.now() else None


def claim_page_state(pk: int) -> PageState | None:
    """The version of the claim's public page, or None if it has none (404): one
    query, the epoch's counters read beside the claim's (as plain SQL subqueries:
    every cached claim page asks this, and ``Subquery`` doubled the query's cost)."""
    row = (
        Claim.objects.with_public_page()
        .filter(pk=pk)
        .annotate(**_EPOCH_COLUMNS)
        .values_list("page_version", "page_changed_at", *_EPOCH_COLUMNS)
        .first()
    )
    if row is None:
        return None
    version, changed_at, catalogue, listings, epoch_at = row
    return PageState(pk, version, changed_at, catalogue or 0, listings or 0, epoch_at)


def _epoch_column(column: str, field: Field) -> RawSQL:
    table, key = SiteEpoch._meta.db_table, SiteEpoch._meta.pk.column
    return RawSQL(f"SELECT {column} FROM {table} WHERE {key} = %s", (ROW,), field)


_EPOCH_COLUMNS = {
    "epoch_catalogue": _epoch_column("catalogue", models.BigIntegerField()),
    "epoch_listings": _epoch_column("listings", models.BigIntegerField()),
    "epoch_changed_at": _epoch_column("changed_at", models.DateTimeField()),
}


def catalogue_version() -> int:
    """The epoch's catalogue counter: part of every fragment's key, since every card,
    feed entry and share card shows names and labels from the catalogue."""
    return SiteEpoch.objects.current().catalogue


def fragment_key(kind: str, *parts: Any) -> str:
    """Where a fragment of ``kind`` (a feed item, an API claim) is kept: ``parts``
    name what it shows, down to the ``page_version`` of each claim in it."""
    return ":".join(["claimdesk:fragment", ETAG_VERSION, kind, *map(str, parts)])


def cached_fragments(
    wanted: Sequence[tuple[K, str]],
    build: Callable[[list[K]], dict[K, T]],
    *,
    catalogue: int | None = None,
) -> list[T]:
    """The fragments of ``wanted`` ((item, cache key) pairs), in order: those in
    the cache from one ``get_many``, the others from one ``build(items)`` call
    (item: fragment; an item it leaves out, gone since it was listed, is left out
    here too) and kept for ``CLAIMDESK_FRAGMENT_CACHE_SECONDS`` (0 turns
    the cache off).

    A key names the version of everything the fragment shows (``fragment_key``
    with each claim's ``page_version``, which every write a claim page shows
    bumps, and here the catalogue's version, for the names and labels), so a
    cached fragment is never stale: a change makes a new key, and old ones age
    out."""
    seconds = settings.CLAIMDESK_FRAGMENT_CACHE_SECONDS
    if seconds > 0 and wanted:
        # Every fragment shows names and labels from the catalogue, which one
        # counter versions for all of them (``claims.models.epoch``).
        if catalogue is None:  # a caller holding a page's state knows it
            catalogue = catalogue_version()
        wanted = [(item, f"{key}:c{catalogue}") for item, key in wanted]
    keys = [key for _item, key in wanted]
    found = cache.get_many(keys) if seconds > 0 and keys else {}
    missing = [item for item, key in wanted if key not in found]
    if missing:
        built = build(missing)
        fresh = {key: built[item] for item, key in wanted if item in built}
        found.update(fresh)
        if seconds > 0:
            cache.set_many(fresh, timeout=seconds)
    return [found[key] for _item, key in wanted if key in found]
