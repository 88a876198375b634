"""The site's epoch: the part of every claim page's version that no claim row holds.

A claim page shows its own rows (versioned by ``Claim.page_version``) and two things
that many pages share: the catalogue (sources and their aliases, tags, the rating
scale: names and labels on every page and card) and its related fact-checks (the
newest published claims of the same claimant or tags). Bumping every page that
shows a renamed tag, or lists a newly published claim among its related ones, was
an UPDATE of up to every claim row: minutes at a million claims, with those rows
locked. Instead this one row counts those changes, and a page's version is its
claim's ``page_version`` with the epoch's counters (``claims.caching.PageState``).

The counters are moved in the writer's transaction (``SiteEpochQuerySet.bump``), like
``page_version``, so an ETag changes exactly when what the page shows is committed.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F
from django.db.models.functions import Greatest, Now
from django.utils import timezone

#: The primary key of the one row.
ROW = 1


class SiteEpochQuerySet(models.QuerySet["SiteEpoch"]):
    def current(self) -> SiteEpoch:
        """The row (an unsaved zero epoch where it was never written)."""
        return self.filter(pk=ROW).first() or SiteEpoch(pk=ROW)

    def bump(self, *, catalogue: bool) -> None:
        """Count a change of what every page lists among its related claims and,
        with ``catalogue``, of the names and labels every page and card shows.

        ``changed_at`` moves to a whole second past both its last value and now: a
        page's Last-Modified is the later of it and the page's own date, which is
        at most now when a reader last saw it, so every page's date moves on."""
        second = dt.timedelta(seconds=1)
        changes = {
            "listings": F("listings") + 1,
            "changed_at": Greatest(Now() + second, F("changed_at") + second),
        }
        if catalogue:
            changes["catalogue"] = F("catalogue") + 1
        if not self.filter(pk=ROW).update(**changes):
            self.get_or_create(pk=ROW)
            self.filter(pk=ROW).update(**changes)


class SiteEpoch(models.Model):
    catalogue = models.PositiveBigIntegerField(default=0)
    listings = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    objects = SiteEpochQuerySet.as_manager()

    class Meta:
        verbose_name = "site epoch"

    def __str__(self) -> str:
        return f"catalogue {self.catalogue}, listings {self.listings}"
