"""Keeping public pages' versions honest: every service that writes something a
claim page shows ends by bumping the pages that show it (``claims.pages`` says which).

The bump runs in the writer's transaction, so a page's ETag changes exactly when
what the page shows is committed. What many pages share is versioned once, by the
site's epoch (``claims.models.epoch``): a claim that enters or leaves the lists of
related fact-checks moves its ``listings`` counter, and a change to the catalogue
(``catalogue_changed``: a source, alias, tag or rating) its ``catalogue`` counter,
instead of an UPDATE of every claim whose page shows it. Every bump also moves the
site-wide cache version (``claims.siteversion``), which keys the cached counts and
facets of the home page, lists and source pages; ``site_changed`` moves it alone,
for a write no claim page shows but a count might.
"""

from __future__ import annotations

from ..models import Claim, SiteEpoch
from ..siteversion import site_version_bump


def site_changed() -> None:
    """Something counted or listed site-wide changed: drop the cached figures."""
    site_version_bump()


def catalogue_changed() -> None:
    """A source, alias, tag or rating changed: its names and labels show on claim
    pages, cards and feeds everywhere, so every page's version moves at once."""
    site_version_bump()
    SiteEpoch.objects.bump(catalogue=True)


def listings_changed() -> None:
    """A public claim's card changed, or it entered or left the public lists: the
    pages that may list it among their related fact-checks move at once."""
    site_version_bump()
    SiteEpoch.objects.bump(catalogue=False)


def claim_page_changed(*, claim: Claim, on_cards: bool = True) -> int:
    """Something on ``claim``'s page changed besides its own fields (the admin's
    inline rows, its tags): bump its page and, while it is public and the change
    shows on its card (``on_cards``: tags, event dates, translations), the pages
    that may list it among their related claims. Returns how many pages were
    bumped one by one."""
    return _claim_pages_bump(claim, listed=claim.is_public and on_cards)


def _claim_pages_bump(claim: Claim, *, listed: bool) -> int:
    """Bump ``claim``'s page; with ``listed``, also the pages whose related claims
    may show its card (``listings_changed``). Refreshes the in-memory copy so a
    later ``save()`` of it cannot write an older version back."""
    bumped = Claim.objects.filter(pk=claim.pk).bump_page_version()
    if listed:  # bump_page_version has moved the cached figures' version
        SiteEpoch.objects.bump(catalogue=False)
    _page_refresh(claim)
    return bumped


def _page_refresh(claim: Claim) -> None:
    row = Claim.objects.filter(pk=claim.pk).values("page_version", "page_changed_at")
    for name, value in (row.first() or {}).items():
        setattr(claim, name, value)
