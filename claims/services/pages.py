"""Keeping public pages' versions honest: every service that writes something a
claim page shows ends by bumping the pages that show it (``claims.pages`` says which).

The bump runs in the writer's transaction, so a page's ETag changes exactly when
what the page shows is committed. Every bump also moves the site-wide version
(``claims.siteversion``), which keys the cached counts and facets of the home page,
lists and source pages; ``site_changed`` moves it alone, for a write no claim page
shows but a count might.
"""

from __future__ import annotations

from ..models import Claim, ClaimQuerySet
from ..models.claims import claims_in_any
from ..siteversion import site_version_bump


def site_changed() -> None:
    """Something counted or listed site-wide changed: drop the cached figures."""
    site_version_bump()


def claim_page_changed(*, claim: Claim) -> int:
    """Something on ``claim``'s page changed besides its own fields (the admin's
    inline rows, its tags): bump its page and, while it is public, the pages that
    may list it among their related claims. Returns how many pages were bumped."""
    return _claim_pages_bump(claim, listed=claim.is_public)


def _claim_pages_bump(
    claim: Claim, *, listed: bool, also: ClaimQuerySet | None = None
) -> int:
    """Bump ``claim``'s page; with ``listed``, also the pages whose related claims
    show its card; and any pages in ``also``. Refreshes the in-memory copy so a later
    ``save()`` of it cannot write an older version back."""
    claims = Claim.objects.filter(pk=claim.pk)
    if listed:
        claims = claims.with_neighbours()
    if also is not None:
        claims = claims_in_any(claims, also)
    bumped = claims.bump_page_version()
    _page_refresh(claim)
    return bumped


def _page_refresh(claim: Claim) -> None:
    row = Claim.objects.filter(pk=claim.pk).values("page_version", "page_changed_at")
    for name, value in (row.first() or {}).items():
        setattr(claim, name, value)
