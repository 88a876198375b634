"""A merged fact-check's URL sends its readers to the one it became part of (301),
on the page and in the API; a claim that never had a page stays a 404; a merged
source's page sends its readers to the survivor's."""

import pytest
from django.urls import reverse

from claims import services
from claims.models import Claim
from tests.factories import AppearanceFactory, ClaimFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged_pair(editor):
    survivor = ClaimFactory(published=True, statement="The original fact-check.")
    merged = ClaimFactory(published=True, statement="The duplicate fact-check.")
    AppearanceFactory(claim=merged)
    return survivor, merged


def merge(survivor, merged, by, note="Two pages about one claim."):
    return services.claim_merge(survivor=survivor, merged=merged, by=by, note=note)


def test_a_merged_fact_check_redirects_to_the_survivor(client, editor, merged_pair):
    survivor, merged = merged_pair
    # Seen (and cached) before the merge...
    assert client.get(merged.get_absolute_url()).status_code == 200
    merge(survivor, merged, editor)
    # ...its URL now answers 301, never the stale page.
    response = client.get(merged.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == survivor.get_absolute_url()
    page = client.get(response["Location"]).text
    assert "Two pages about one claim." in page  # the public correction
    assert "The duplicate fact-check." in page  # what the correction says merged
    assert "Later sightings" in page  # its quote, seen again
    # It leaves the lists.
    listing = client.get(reverse("claims:claim-list")).text
    assert "The duplicate fact-check." not in listing
    assert "The original fact-check." in listing


def test_the_api_detail_says_it_was_merged(client, editor, merged_pair):
    survivor, merged = merged_pair
    merge(survivor, merged, editor)
    response = client.get(reverse("api:claim-detail", args=[merged.pk]))
    assert response.status_code == 301
    assert response["Location"] == reverse("api:claim-detail", args=[survivor.pk])
    body = response.json()
    assert body["status"] == "merged"
    assert body["merged_into"] == survivor.pk
    assert body["api_url"].endswith(f"/api/claims/{survivor.pk}/")
    ids = [c["id"] for c in client.get(reverse("api:claim-list")).json()["results"]]
    assert merged.pk not in ids and survivor.pk in ids


def test_a_claim_never_published_stays_a_404(client, editor):
    survivor = ClaimFactory(published=True)
    merged = ClaimFactory(researching=True)
    services.claim_merge(survivor=survivor, merged=merged, by=editor)
    assert client.get(merged.get_absolute_url()).status_code == 404
    assert client.get(reverse("api:claim-detail", args=[merged.pk])).status_code == 404


def test_a_chain_of_merges_redirects_to_the_last_survivor(client, editor):
    a, b, c = (ClaimFactory(published=True) for _ in range(3))
    merge(b, a, editor)
    merge(c, b, editor)
    response = client.get(a.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == c.get_absolute_url()


def test_unknown_and_huge_ids_are_still_404(client):
    assert client.get("/claims/999999/").status_code == 404
    assert client.get(f"/claims/{10**25}/").status_code == 404
    assert client.get(f"/api/claims/{10**25}/").status_code == 404


def test_a_merged_source_page_redirects_to_the_survivor(client, editor):
    widodo = SourceFactory(name="Joko Widodo", kind="person")
    jokowi = SourceFactory(name="Jokowi", kind="person")
    claim = ClaimFactory(published=True, claimant=jokowi)
    assert client.get(jokowi.get_absolute_url()).status_code == 200
    services.source_merge(survivor=widodo, merged=jokowi, by=editor)
    response = client.get(jokowi.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == widodo.get_absolute_url()
    page = client.get(response["Location"]).text
    assert claim.statement in page
    api = client.get(reverse("api:source-detail", args=[jokowi.slug]))
    assert api.status_code == 301
    assert api.json()["merged_into"] == widodo.slug
    # The claim page names the survivor, and its JSON-LD keeps the old name.
    claim_page = client.get(claim.get_absolute_url()).text
    assert "Joko Widodo" in claim_page and "Jokowi" in claim_page
    assert Claim.objects.get(pk=claim.pk).claimant == widodo


def test_a_merged_source_without_a_public_survivor_is_a_404(client, editor):
    survivor = SourceFactory(name="Nobody Published")
    merged = SourceFactory(name="Nobody Published Either")
    services.source_merge(survivor=survivor, merged=merged, by=editor)
    assert client.get(merged.get_absolute_url()).status_code == 404
