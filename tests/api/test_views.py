"""The read-only JSON API and its OpenAPI schema."""

import json

import pytest
from django.core.management import call_command
from django.test import override_settings

from claims import services
from claims.models import Claim
from claims.siteversion import site_version_bump
from tests.clients import DeskClient
from tests.edits import EDITS
from tests.factories import ClaimFactory, SourceFactory
from tests.readers import SITE


def test_api_claim_list(client, world):
    data = client.get("/api/claims/").json()
    assert data["count"] == 2
    first = data["results"][0]
    assert first["id"] == world.published.pk
    assert first["url"] == f"{SITE}/claims/{world.published.pk}/"
    assert first["verdict"]["slug"] == "mostly-true"
    assert first["claimant"]["slug"] == "donald-trump"
    assert first["dates"][0]["start"] == "2025-06"
    assert first["dates"][0]["display"] == "June 2025"
    assert first["made_on"] == "2025-06-11"


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("verdict=true", 1),
        ("tag=north-korea", 1),
        ("claimant=donald-trump", 2),
        ("q=letter", 1),
        ("event_to=2019", 1),
        ("page_size=1", 2),
    ],
)
def test_api_uses_the_same_filters(client, world, query, count):
    assert client.get(f"/api/claims/?{query}").json()["count"] == count


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("verdict=bogus", "verdict"),
        ("event_from=2019-13", "event_from"),
        ("published_from=never", "published_from"),
        ("claimant=" + "x" * 10_000, "claimant"),
        ("sort=sideways", "sort"),
        ("page=abc", "page"),
        ("page=999999", "page"),
        ("page=0", "page"),
        ("page_size=-5", "page_size"),
    ],
)
def test_api_bad_input_is_a_400_with_json(client, world, query, field):
    response = client.get(f"/api/claims/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert field in response.json()


@pytest.mark.parametrize("q", ["a%20%26%20%7C%20!", "%22%5C%5C", "x" * 5000])
def test_api_hostile_search_is_fine(client, world, q):
    assert client.get(f"/api/claims/?q={q}").status_code == 200


def test_api_search_with_a_nul_is_a_json_400(client, world):
    response = client.get("/api/claims/?q=%00")
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_api_claim_detail(client, world):
    data = client.get(f"/api/claims/{world.published.pk}/").json()
    assert data["statement"] == world.published.statement
    assert [e["url"] for e in data["evidence"]] == ["https://www.nknews.org/letter"]
    assert [n["body"] for n in data["notes"]] == ["Public write-up: we read NK News."]
    assert data["appearances"][0]["document"]["publisher"]["slug"] == "tribunnews"
    assert "<strong>nobody</strong>" in data["verdict_summary_html"]


def test_api_evidence_carries_our_capture(client, world, settings, tmp_path):
    from tests.capture import PAGE_SHA256, give_capture

    settings.MEDIA_ROOT = tmp_path
    url = f"/api/claims/{world.published.pk}/"
    assert client.get(url).json()["evidence"][0]["capture"] is None
    evidence = give_capture(
        world.published.evidence.get(url="https://www.nknews.org/letter")
    )
    capture = client.get(url).json()["evidence"][0]["capture"]
    assert capture["sha256"] == PAGE_SHA256
    assert capture["download_url"].endswith(f"/evidence/{evidence.pk}/capture.warc.gz")
    assert capture["captured_at"].startswith(f"{evidence.captured_at:%Y-%m-%d}")


def test_api_corrections(client, world):
    data = client.get(f"/api/claims/{world.corrected.pk}/").json()
    assert data["status"] == "corrected"
    assert data["corrections"][0]["note"] == "We first gave the wrong day."
    assert data["corrections"][0]["new_verdict"]["slug"] == "true"


def test_api_sources_and_ratings(client, world):
    sources = client.get("/api/sources/").json()
    assert {s["slug"] for s in sources["results"]} == {"donald-trump", "tribunnews"}
    trump = client.get("/api/sources/donald-trump/").json()
    assert {c["verdict"]["slug"]: c["count"] for c in trump["verdict_counts"]} == {
        "true": 1,
        "mostly-true": 1,
    }
    ratings = client.get("/api/ratings/").json()
    assert ratings["count"] == 7


def test_api_is_read_only(client, world):
    assert client.post("/api/claims/", {}).status_code == 405
    assert client.delete(f"/api/claims/{world.published.pk}/").status_code == 405


def test_openapi_schema_is_valid_without_warnings(db, tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", tmp_path / "s.yml"
    )
    assert "/api/claims/{id}/" in (tmp_path / "s.yml").read_text()


def test_openapi_schema(client, db):
    response = client.get("/api/schema/", headers={"Accept": "application/json"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "openapi" in text
    assert "/api/claims/" in text
    assert "event_from" in text


# --- Retracted claims -------------------------------------------------------------


def test_api_retracted_claim_answers_like_its_page(client, world):
    """The page keeps its URL with a notice; the detail keeps answering, marked
    retracted. The page gives no reason or date, so neither does the API."""
    response = client.get(f"/api/claims/{world.retracted.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "retracted"
    assert data["statement"] == world.retracted.statement
    assert "comment" not in data
    assert world.retracted.pk not in {
        c["id"] for c in client.get("/api/claims/").json()["results"]
    }
    search = client.get("/api/claims/?q=Stockholm").json()
    assert search["count"] == 0


def test_openapi_documents_the_retracted_detail(client, db):
    schema = client.get("/api/schema/", headers={"Accept": "application/json"})
    paths = json.loads(schema.content)["paths"]
    retrieve = paths["/api/claims/{id}/"]["get"]
    assert "retracted" in retrieve["summary"]
    assert 'status "retracted"' in retrieve["description"]
    assert "no reason or date" in retrieve["description"]
    assert "never retracted" in paths["/api/claims/"]["get"]["description"]


# --- HTTP caching -----------------------------------------------------------------


@pytest.fixture
def desk(editor):
    desk = DeskClient()
    desk.force_login(editor)
    return desk


def detail(client, claim, **headers):
    return client.get(f"/api/claims/{claim.pk}/", headers=headers)


@pytest.mark.parametrize(
    "url", ["/api/", "/api/claims/", "/api/sources/", "/api/ratings/"]
)
def test_api_anonymous_responses_are_publicly_cacheable(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert {"Accept-Language", "Cookie"} <= {
        v.strip() for v in response["Vary"].split(",")
    }


def test_api_logged_in_responses_are_private(client, world, editor):
    client.force_login(editor)
    response = detail(client, world.published)
    assert "private" in response["Cache-Control"]
    assert "no-cache" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_api_claim_detail_answers_conditional_get(client, world):
    first = detail(client, world.published)
    etag = first["ETag"]
    assert first["Last-Modified"]
    not_modified = detail(client, world.published, **{"If-None-Match": etag})
    assert not_modified.status_code == 304
    assert "public" in not_modified["Cache-Control"]
    since = detail(
        client, world.published, **{"If-Modified-Since": first["Last-Modified"]}
    )
    assert since.status_code == 304
    # Another language is another representation.
    indonesian = detail(
        client, world.published, **{"If-None-Match": etag, "Accept-Language": "id"}
    )
    assert indonesian.status_code == 200
    # The JSON is not the page: their ETags differ.
    assert client.get(world.published.get_absolute_url())["ETag"] != etag


def test_api_retracted_detail_answers_conditional_get(client, world):
    etag = detail(client, world.retracted)["ETag"]
    assert detail(client, world.retracted, **{"If-None-Match": etag}).status_code == 304


def test_api_lists_carry_no_etag(client, world):
    assert "ETag" not in client.get("/api/claims/")


def test_api_unknown_claim_is_still_404(client, world):
    assert client.get("/api/claims/999999/").status_code == 404
    assert client.get(f"/api/claims/{world.hidden['in_review'].pk}/").status_code == 404


API_EDITS = [e for e in EDITS if e.name != "tag added, seen by a new neighbour"]


@pytest.mark.parametrize("edit", API_EDITS, ids=[e.name for e in API_EDITS])
def test_api_detail_revalidates_after_every_change(client, desk, world, edit):
    """Same rule as the pages: the old ETag gets the new JSON, the new one a 304,
    and an unrelated claim's detail keeps its ETag unless the change is to the
    catalogue, whose names and labels every detail shows."""
    bystander = ClaimFactory(
        published=True, statement="The bridge opened in 1932.", claimant=SourceFactory()
    )
    claims = [world.published, world.corrected, world.retracted, bystander]
    before = {c.pk: detail(client, c)["ETag"] for c in claims}

    shows = edit.apply(desk, world)

    if shows.api_text is None and edit.shared == "cards":
        # The page shows another claim's card; the detail lists no related claims.
        kept = detail(client, shows.claim, **{"If-None-Match": before[shows.claim.pk]})
        assert kept.status_code == 304
        return
    response = detail(client, shows.claim, **{"If-None-Match": before[shows.claim.pk]})
    assert response.status_code == 200
    if shows.api_text is not None:
        body = response.content.decode()
        assert (shows.api_text not in body) if shows.gone else (shows.api_text in body)
    etag = response["ETag"]
    assert etag != before[shows.claim.pk]
    assert detail(client, shows.claim, **{"If-None-Match": etag}).status_code == 304
    kept = detail(client, bystander, **{"If-None-Match": before[bystander.pk]})
    assert kept.status_code == (200 if edit.shared == "catalogue" else 304)


def test_api_words_the_attribution_for_the_reader_and_gives_the_parts(client, db):
    chain = [{"name": "NK News"}, {"name": "a high-level source", "link": "citing"}]
    claim = ClaimFactory(
        published=True, attribution="", speech="quote", attribution_chain=chain
    )
    url = f"/api/claims/{claim.pk}/"
    english = client.get(url, headers={"Accept-Language": "en"}).json()
    indonesian = client.get(url, headers={"Accept-Language": "id"}).json()
    assert english["attribution"] == (
        "NK News, citing a high-level source (direct quote)"
    )
    assert indonesian["attribution"] == (
        "NK News, mengutip a high-level source (kutipan langsung)"
    )
    for data in (english, indonesian):
        assert (data["speech"], data["attribution_chain"]) == ("quote", chain)


# --- Cached JSON (``claims.caching.cached_fragments``) -------------------------------


@override_settings(CLAIMDESK_FRAGMENT_CACHE_SECONDS=60)
def test_api_keeps_a_claims_json_until_its_page_changes(client, world):
    url = f"/api/claims/{world.published.pk}/"
    detail_before = client.get(url).json()
    list_before = client.get("/api/claims/").json()
    # A write that bumps no page version is not seen: both answer from the cache.
    Claim.objects.filter(pk=world.published.pk).update(statement="Written around.")
    assert client.get(url).json() == detail_before
    assert client.get("/api/claims/").json() == list_before

    services.claim_page_changed(claim=world.published)
    assert client.get(url).json()["statement"] == "Written around."
    listed = {c["id"]: c for c in client.get("/api/claims/").json()["results"]}
    assert listed[world.published.pk]["statement"] == "Written around."


@pytest.mark.parametrize("edit", API_EDITS, ids=[e.name for e in API_EDITS])
def test_api_cached_json_is_never_stale(client, desk, world, edit):
    """After every change a claim page shows, the list and the details answer from
    the fragment cache exactly as they do without it."""
    claims = (world.published, world.corrected, world.retracted)
    urls = ["/api/claims/", *(f"/api/claims/{c.pk}/" for c in claims)]
    with override_settings(CLAIMDESK_FRAGMENT_CACHE_SECONDS=60):
        for url in urls:
            client.get(url, headers={"Accept-Language": "id"})
            client.get(url)
        edit.apply(desk, world)
        cached = {url: client.get(url).json() for url in urls}
        cached_id = {
            url: client.get(url, headers={"Accept-Language": "id"}).json()
            for url in urls
        }
    assert cached == {url: client.get(url).json() for url in urls}
    assert cached_id == {
        url: client.get(url, headers={"Accept-Language": "id"}).json() for url in urls
    }


def test_api_count_is_kept_until_the_site_changes(client, world):
    assert client.get("/api/claims/").json()["count"] == 2
    assert client.get("/api/claims/?verdict=true").json()["count"] == 1
    Claim.objects.filter(pk=world.published.pk).update(is_archived=True)  # a bypass
    assert client.get("/api/claims/").json()["count"] == 2  # the kept count
    site_version_bump()
    assert client.get("/api/claims/").json()["count"] == 1
    assert client.get("/api/claims/?verdict=true").json()["count"] == 1
