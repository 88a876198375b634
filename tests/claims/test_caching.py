"""The cache policy shared by the public site and the API, and the claim ETag rule."""

import datetime as dt

from django.utils import timezone

from claims.caching import ETAG_VERSION, PageState, claim_page_state
from claims.models import Claim
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
    assert claim_page_state(published.pk).version == 1
    assert claim_page_state(retracted.pk) is not None
    assert claim_page_state(hidden.pk) is None
    Claim.objects.filter(pk=published.pk).bump_page_version()
    assert claim_page_state(published.pk).version == 2
