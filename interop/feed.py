"""The ClaimReview DataFeed of every published claim: what ``export_claimreview``
writes and ``/claimreview.json`` serves, streamed a chunk of claims at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from claims.claimreview import claimreview_feed
from claims.models import Claim, ClaimQuerySet

#: Claims read (with their prefetches) per query batch.
CHUNK_SIZE = 500


def feed_claims(since: dt.datetime | None = None) -> ClaimQuerySet:
    """Published claims, oldest id first, loaded as their pages are."""
    claims = Claim.objects.published().with_page_related().order_by("pk")
    return claims.revised_since(since) if since else claims


def feed_chunks(since: dt.datetime | None = None) -> Iterator[str]:
    return claimreview_feed(feed_claims(since).iterator(chunk_size=CHUNK_SIZE))


def parse_since(text: str) -> dt.datetime:
    """A ``--since``/``?since=`` value: a date (midnight, site time) or an ISO
    8601 date and time. Raises ``ValueError`` with a message for the user."""
    text = text.strip()
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            moment = dt.datetime.combine(day, dt.time.min)
        else:
            moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            _("“%(text)s” is not a date: use YYYY-MM-DD or an ISO 8601 date and time.")
            % {"text": text[:40]}
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
