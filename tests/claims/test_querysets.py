"""The QuerySet methods the public site reads through."""

import datetime as dt

from claims.models import Claim, Source
from tests.factories import (
    AppearanceFactory,
    ClaimDateFactory,
    ClaimFactory,
    DocumentFactory,
    SourceFactory,
    rating,
)


def test_related_to_same_claimant_or_shared_tag(db):
    speaker = SourceFactory()
    claim = ClaimFactory(published=True, claimant=speaker, tags=["economy"])
    same_speaker = ClaimFactory(published=True, claimant=speaker)
    same_tag = ClaimFactory(published=True, tags=["economy"])
    ClaimFactory(published=True, tags=["other"])
    ClaimFactory(in_review=True, claimant=speaker)
    related = Claim.objects.published().related_to(claim)
    assert set(related) == {same_speaker, same_tag}


def test_verdict_counts_in_scale_order(db):
    for slug in ["false", "true", "false", "unproven"]:
        ClaimFactory(published=True, verdict=rating(slug))
    ClaimFactory(in_review=True, verdict=rating("mixed"))
    counts = [(r.slug, n) for r, n in Claim.objects.published().verdict_counts()]
    assert counts == [("true", 1), ("false", 2), ("unproven", 1)]


def test_with_first_event(db):
    claim = ClaimFactory(published=True)
    ClaimDateFactory(claim=claim, start=dt.date(2019, 6, 30))
    ClaimDateFactory(claim=claim, start=dt.date(2018, 6, 1), precision="month")
    ClaimDateFactory(claim=claim, start=dt.date(2010, 1, 1), role="reported")
    undated = ClaimFactory(published=True)
    rows = dict(Claim.objects.with_first_event().values_list("pk", "first_event"))
    assert rows == {claim.pk: dt.date(2018, 6, 1), undated.pk: None}


def test_with_page_related_prefetches_only_public_things(db, django_assert_num_queries):
    from tests.factories import EvidenceFactory, NoteFactory

    claim = ClaimFactory(published=True)
    EvidenceFactory(claim=claim, url="https://a.example")
    EvidenceFactory(claim=claim, url="https://b.example", is_archived=True)
    NoteFactory(claim=claim, is_public=True, body="public")
    NoteFactory(claim=claim, is_public=False, body="internal")
    loaded = Claim.objects.with_page_related().get(pk=claim.pk)
    with django_assert_num_queries(0):
        assert [e.url for e in loaded.public_evidence] == ["https://a.example"]
        assert [n.body for n in loaded.public_notes] == ["public"]


def test_sources_with_a_public_page(db):
    claimant = SourceFactory(name="Claimant")
    outlet = SourceFactory(name="Outlet", kind=Source.Kind.OUTLET)
    unpublished_only = SourceFactory(name="Hidden")
    SourceFactory(name="Nobody")
    claim = ClaimFactory(published=True, claimant=claimant)
    AppearanceFactory(claim=claim, document=DocumentFactory(publisher=outlet))
    hidden = ClaimFactory(in_review=True, claimant=unpublished_only)
    AppearanceFactory(claim=hidden, document=DocumentFactory())
    assert set(Source.objects.with_public_page()) == {claimant, outlet}
    assert set(Source.objects.publishing_published_claims()) == {outlet}


# --- Page versions ------------------------------------------------------------------


def page(claim):
    return Claim.objects.values_list("page_version", "page_changed_at").get(pk=claim.pk)


def test_bump_page_version_moves_version_and_whole_seconds(db):
    claim, other = ClaimFactory(published=True), ClaimFactory(published=True)
    version, changed = page(claim)
    assert Claim.objects.filter(pk=claim.pk).bump_page_version() == 1
    assert Claim.objects.filter(pk=claim.pk).bump_page_version() == 1
    new_version, new_changed = page(claim)
    assert new_version == version + 2
    # Two bumps within a second still give two different Last-Modified seconds.
    assert new_changed - changed >= dt.timedelta(seconds=2)
    assert page(other)[0] == 1
