"""Public pages that stay fast as the data grows ("Fast at a million claims"): no
choice list that grows with the data, capped counts, the rendered claim page kept in
the cache and never stale, and statement timeouts that cost a part, not the page."""

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse
from psycopg.errors import QueryCanceled

from claims import services
from claims.pagination import CappedPaginator
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    SourceFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def published_by_new_sources(n):
    """``n`` published claims, each with its own claimant, outlet and topic."""
    for i in range(n):
        claim = ClaimFactory(published=True, claimant=SourceFactory(name=f"Person {i}"))
        claim.tags.add(TagFactory(name=f"topic {i}"))
        AppearanceFactory(claim=claim)


def options(response):
    return response.content.decode().count("<option")


def test_list_and_timeline_render_no_choice_list_that_grows_with_the_data(client):
    published_by_new_sources(2)
    before = options(client.get(reverse("claims:claim-list")))
    timeline_before = options(client.get(reverse("claims:timeline")))

    published_by_new_sources(40)

    listing = client.get(reverse("claims:claim-list"))
    assert options(listing) == before
    assert "Person 39" in listing.content.decode()  # the new claims are listed
    assert options(client.get(reverse("claims:timeline"))) == timeline_before


def test_claimant_outlet_and_topic_are_typed_by_slug_or_name(client):
    wanted = ClaimFactory(published=True, claimant=SourceFactory(name="Retno Marsudi"))
    wanted.tags.add(TagFactory(name="Foreign policy"))
    outlet = AppearanceFactory(claim=wanted).document.publisher
    other = ClaimFactory(published=True)
    url = reverse("claims:claim-list")
    for query in (
        {"claimant": "Retno Marsudi"},
        {"claimant": "retno-marsudi"},
        {"tag": "foreign policy"},
        {"publisher": outlet.slug},
    ):
        response = client.get(url, query)
        shown = {c.pk for c in response.context["claims"]}
        assert shown == {wanted.pk}, query
        assert other.pk not in shown


def test_an_unknown_or_unpublished_claimant_is_a_clear_error_not_a_500(client):
    hidden = ClaimFactory(claimant=SourceFactory(name="Draft Person"))  # unpublished
    ClaimFactory(published=True)
    for value in ("Nobody At All", hidden.claimant.slug, "!!!"):
        response = client.get(reverse("claims:claim-list"), {"claimant": value})
        assert response.status_code == 200
        assert "Nothing by that name has published fact-checks" in response.text
        assert list(response.context["claims"]) == []
        api = client.get("/api/claims/", {"claimant": value})
        assert api.status_code == 400
        assert "claimant" in api.json()


def test_language_choices_come_from_settings_not_the_claims(client):
    ClaimFactory(published=True, language="de")
    with override_settings(CLAIMDESK_CONTENT_LANGUAGES=[("en", "English")]):
        body = client.get(reverse("claims:claim-list")).text
    assert 'value="en"' in body
    assert 'value="de"' not in body


def test_counts_stop_at_the_cap_and_say_so(client, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "COUNT_CAP", 3)
    for _ in range(5):
        ClaimFactory(published=True)

    listing = client.get(reverse("claims:claim-list"))
    assert "3+ fact-checks" in listing.text
    assert listing.context["page_obj"].paginator.count == 4  # counted up to cap + 1

    home = client.get(reverse("claims:home"))
    assert "3+ published fact-checks." in home.text

    api = client.get("/api/claims/").json()
    assert api["count"] == 4 and api["count_is_capped"] is True

    monkeypatch.setattr(CappedPaginator, "COUNT_CAP", 10_000)
    exact = client.get("/api/claims/").json()
    assert exact["count"] == 5 and exact["count_is_capped"] is False
    assert "5 fact-checks" in client.get(reverse("claims:claim-list")).text


@override_settings(CLAIMDESK_PAGE_CACHE_SECONDS=60)
def test_the_cached_claim_page_is_never_stale_after_a_correction(client, editor):
    claim = ClaimFactory(published=True, statement="Unemployment fell to 5.2%.")
    url = claim.get_absolute_url()
    first = client.get(url)
    assert first.context is not None  # rendered
    again = client.get(url)
    assert again.context is None  # served from the cache
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304

    services.claim_correct(
        claim=claim,
        by=editor,
        note="We misquoted the figure.",
        expected_version=claim.version,
        fields={"statement": "Unemployment fell to 5.4%."},
    )

    after = client.get(url)
    assert after.context is not None  # rendered anew
    assert "We misquoted the figure." in after.text
    assert "<ins>Unemployment fell to 5.4%.</ins>" in after.text
    assert after["ETag"] != first["ETag"]


@override_settings(CLAIMDESK_PAGE_CACHE_SECONDS=60)
def test_the_cached_claim_page_keeps_languages_apart(client):
    claim = ClaimFactory(published=True)
    english = client.get(claim.get_absolute_url())
    indonesian = client.get(claim.get_absolute_url(), headers={"accept-language": "id"})
    assert english.content != indonesian.content
    assert 'lang="id"' in indonesian.text


@override_settings(CLAIMDESK_FRAGMENT_CACHE_SECONDS=60)
def test_cached_claim_cards_change_with_a_correction_and_a_rename(client, editor):
    claim = ClaimFactory(published=True, statement="Rice prices doubled in 2024.")
    tag = TagFactory(name="Food prices")
    claim.tags.add(tag)
    lists = [reverse("claims:home"), reverse("claims:claim-list")]
    for url in lists:
        assert "Rice prices doubled in 2024." in client.get(url).text

    claim.refresh_from_db()
    services.claim_correct(
        claim=claim,
        by=editor,
        note="The figure was for 2023.",
        expected_version=claim.version,
        fields={"statement": "Rice prices doubled in 2023."},
    )
    tag.name = "Staple prices"
    services.tag_save(tag=tag, by=editor)
    for url in lists:
        page = client.get(url).text
        assert "Rice prices doubled in 2023." in page
        assert "doubled in 2024" not in page
        assert "Staple prices" in page and "Food prices" not in page
    indonesian = client.get(lists[1], headers={"accept-language": "id"}).text
    assert "Dicek" in indonesian and "Checked" not in indonesian


@override_settings(CLAIMDESK_FRAGMENT_CACHE_SECONDS=60)
def test_the_cached_filter_form_follows_the_query_and_the_verdict_scale(client, editor):
    from claims.models import Rating

    ClaimFactory(published=True)
    url = reverse("claims:claim-list")
    assert 'value="rice"' not in client.get(url).text
    assert 'value="rice"' in client.get(url, {"q": "rice"}).text
    assert 'value="rice"' not in client.get(url).text

    rating = Rating.objects.get(slug="false")
    rating.label = "Flatly false"
    services.rating_save(rating=rating, by=editor)
    page = client.get(url).text
    start = page.index('id="filters-heading"')
    form = page[start : page.index("</form>", start)]
    assert "Flatly false" in form


def canceled():
    try:
        raise QueryCanceled("canceling statement due to statement timeout")
    except QueryCanceled as exc:
        raise OperationalError(str(exc)) from exc


def test_a_timed_out_count_leaves_the_home_page_without_it(client, monkeypatch):
    claim = ClaimFactory(published=True)
    monkeypatch.setattr("public.views.home_counts", canceled)
    response = client.get(reverse("claims:home"))
    assert response.status_code == 200
    assert claim.statement in response.text  # the latest fact-checks still show
    assert "published fact-check" not in response.text
    assert response.context["verdict_counts"] == []


def test_a_timed_out_verdict_chart_leaves_the_source_page_without_it(
    client, monkeypatch
):
    claim = ClaimFactory(published=True)
    monkeypatch.setattr(
        "claims.models.claims.ClaimQuerySet.verdict_counts",
        lambda self, **kwargs: canceled(),
    )
    response = client.get(claim.claimant.get_absolute_url())
    assert response.status_code == 200
    assert claim.statement in response.text


def test_a_timed_out_main_query_is_a_504_not_database_unavailable(client, monkeypatch):
    monkeypatch.setattr(
        "public.views.ClaimListView.get_queryset", lambda self: canceled()
    )
    response = client.get(reverse("claims:claim-list"))
    assert response.status_code == 504
    assert "took too long" in response.text
    assert "unavailable" not in response.text


def test_an_outage_is_still_503(client, monkeypatch):
    def down(self):
        raise OperationalError("connection refused")

    monkeypatch.setattr("public.views.ClaimListView.get_queryset", down)
    response = client.get(reverse("claims:claim-list"))
    assert response.status_code == 503


def test_a_timed_out_list_count_shows_more_than_the_cap_and_is_not_kept(
    client, monkeypatch
):
    from django.db.models.query import QuerySet

    claim = ClaimFactory(published=True)
    url = reverse("claims:claim-list")
    with monkeypatch.context() as patched:
        patched.setattr(QuerySet, "count", lambda self: canceled())
        response = client.get(url)
        api = client.get(reverse("api:claim-list"))
    assert response.status_code == 200
    assert claim.statement in response.text
    assert "10,000+ fact-checks" in response.text
    assert api.status_code == 200
    assert api.json()["count_is_capped"] is True
    # Counted again once the database answers: the fallback was not kept.
    assert "1 fact-check<" in client.get(url).text
    assert client.get(reverse("api:claim-list")).json()["count"] == 1
