"""The cache policy shared by the public site and the API, and the claim ETag rule."""

import datetime as dt

from django.db.models import F
from django.utils import timezone

from claims.caching import ETAG_VERSION, PageState, claim_page_state
from claims.models import Claim, SiteEpoch
from tests.factories import ClaimFactory


def test_etag_is_claim_version_language_and_representation(db):
    now = timezone.now()
    state = PageState(7, 3, now)
    etag = state.etag(language="en", variant="page")
    assert etag == PageState(7, 3, now).etag(language="en", variant="page")
    assert etag != PageState(7, 4, now).etag(language="en", variant="page")
    assert etag != PageState(8, 3, now).etag(language="en", variant="page")
    assert etag != state.etag(language="id", variant="page")
    assert etag != state.etag(language="en", variant="api")
    # Not a fingerprint of columns: the page's date plays no part.
    later = PageState(7, 3, now + dt.timedelta(days=1))
    assert etag == later.etag(language="en", variant="page")
    assert ETAG_VERSION


def test_last_modified_is_never_in_the_future():
    now = timezone.now()
    assert PageState(1, 1, now).last_modified == now
    assert PageState(1, 1, now + dt.timedelta(seconds=5)).last_modified is None


def test_page_state_only_for_claims_with_a_public_page(db):
    published = ClaimFactory(published=True)
    retracted = ClaimFactory(retracted=True)
    hidden = ClaimFactory(in_review=True)
    assert claim_page_state(published.pk).page_version == 1
    assert claim_page_state(retracted.pk) is not None
    assert claim_page_state(hidden.pk) is None
    Claim.objects.filter(pk=published.pk).bump_page_version()
    assert claim_page_state(published.pk).page_version == 2


def test_page_date_moves_a_second_past_the_epochs_and_the_claims(db):
    """A page's Last-Modified is the later of its claim's date and the site epoch's:
    each change of either moves it at least a whole second past what a reader last
    saw, so If-Modified-Since never matches a newer page."""
    claim = ClaimFactory(published=True)

    def state():
        return claim_page_state(claim.pk)

    def time_passes():
        """Ten seconds later: every date the reader could see is in the past."""
        back = dt.timedelta(seconds=10)
        Claim.objects.filter(pk=claim.pk).update(
            page_changed_at=F("page_changed_at") - back
        )
        SiteEpoch.objects.update(changed_at=F("changed_at") - back)

    changes = [
        lambda: SiteEpoch.objects.bump(catalogue=False),
        lambda: Claim.objects.filter(pk=claim.pk).bump_page_version(),
        lambda: SiteEpoch.objects.bump(catalogue=True),
        lambda: Claim.objects.filter(pk=claim.pk).bump_page_version(),
    ]
    SiteEpoch.objects.bump(catalogue=False)  # the row exists
    time_passes()
    for change in changes:
        seen = state()
        assert seen.last_modified is not None
        change()
        assert state().version != seen.version
        assert state().changed_at - seen.last_modified >= dt.timedelta(seconds=1)
        # Two changes within the same second still give different seconds.
        change()
        assert state().changed_at - seen.last_modified >= dt.timedelta(seconds=2)
        time_passes()
