"""ClaimReview JSON-LD, feeds, sitemap and the JSON API."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import ClaimFactory, rating

SITE = "http://127.0.0.1:8000"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def claim_review(client, claim):
    body = client.get(claim.get_absolute_url()).content.decode()
    scripts = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', body, re.DOTALL
    )
    assert len(scripts) == 1
    return json.loads(scripts[0])


# --- JSON-LD ------------------------------------------------------------------------


def test_claim_review_fields(client, world):
    data = claim_review(client, world.published)
    url = f"{SITE}/claims/{world.published.pk}/"
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ClaimReview"
    assert data["url"] == url
    assert data["claimReviewed"] == world.published.statement
    assert data["datePublished"] == world.published.published_at.date().isoformat()
    assert data["author"] == {
        "@type": "Organization",
        "name": "Claimdesk",
        "url": f"{SITE}/",
    }
    assert data["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 5,
        "bestRating": 6,
        "worstRating": 1,
        "alternateName": "Mostly true",
        "ratingExplanation": "Accurate but needs clarification or detail.",
    }
    item = data["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"]["@type"] == "Person"
    assert item["author"]["name"] == "Donald Trump"
    assert item["author"]["sameAs"] == "https://trump.example"
    assert item["author"]["alternateName"] == ["Trump"]
    assert item["datePublished"] == "2025-06-11"
    first = item["firstAppearance"]
    assert first["@type"] == "CreativeWork"
    assert first["url"] == (
        "https://www.tribunnews.com/internasional/2025/06/11/korut-tolak-surat"
    )
    assert first["headline"] == "Korut tolak surat Trump"
    assert first["datePublished"] == "2025-06-11"
    assert first["publisher"] == {"@type": "Organization", "name": "Tribunnews"}
    assert first["author"] == [
        {"@type": "Person", "name": "Ani Reporter"},
        {"@type": "Person", "name": "Budi Penulis"},
    ]
    assert item["appearance"] == [first]
    assert data["reviewBody"] == "NK News reported it; nobody denied it."


def test_claim_review_off_scale_verdict_has_label_only(client, db):
    claim = ClaimFactory(published=True, verdict=rating("unproven"))
    rating_data = claim_review(client, claim)["reviewRating"]
    assert rating_data["alternateName"] == "Unproven"
    assert "ratingValue" not in rating_data


def test_claim_review_in_indonesian(client, world):
    client.cookies["django_language"] = "id"
    data = claim_review(client, world.published)
    assert data["reviewRating"]["alternateName"] == "Sebagian besar benar"
    assert data["inLanguage"] == "id"


def test_claim_review_cannot_break_out_of_its_script(client, db):
    claim = ClaimFactory(published=True, statement="</script><script>alert(1)</script>")
    body = client.get(claim.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in body
    assert claim_review(client, claim)["claimReviewed"] == claim.statement


# --- Feeds --------------------------------------------------------------------------


def test_rss_feed(client, world):
    response = client.get(reverse("claims:feed-rss"))
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [i.findtext("link") for i in items] == [
        f"{SITE}/claims/{world.published.pk}/",
        f"{SITE}/claims/{world.corrected.pk}/",
    ]
    first = items[0]
    assert first.findtext("title") == f"Mostly true: {world.published.statement}"
    assert "Claimed by Donald Trump." in first.findtext("description")
    assert first.findtext("pubDate")
    assert {c.text for c in first.findall("category")} == {"north korea", "diplomacy"}


def test_atom_feed(client, world):
    response = client.get(reverse("claims:feed-atom"))
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 2
    assert entries[0].find(f"{ATOM}updated").text


def test_tag_feeds(client, world):
    rss = client.get(reverse("claims:tag-feed-rss", args=["north-korea"]))
    items = ET.fromstring(rss.content).find("channel").findall("item")
    assert [i.findtext("link") for i in items] == [
        f"{SITE}/claims/{world.published.pk}/"
    ]
    atom = client.get(reverse("claims:tag-feed-atom", args=["diplomacy"]))
    assert len(ET.fromstring(atom.content).findall(f"{ATOM}entry")) == 2


def test_feed_of_a_tag_only_unpublished_claims_use_is_404(client, world):
    assert (
        client.get(reverse("claims:tag-feed-rss", args=["zzsecrettag"])).status_code
        == 404
    )
    assert client.get(reverse("claims:tag-feed-atom", args=["nope"])).status_code == 404


# --- Sitemap ------------------------------------------------------------------------


def sitemap_locations(client, url):
    root = ET.fromstring(client.get(url).content)
    return [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]


def test_sitemap_index_lists_every_section(client, world):
    root = ET.fromstring(client.get(reverse("claims:sitemap")).content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    assert [s.findtext(f"{SITEMAP}loc") for s in root] == [
        f"{SITE}/sitemap-pages.xml",
        f"{SITE}/sitemap-claims.xml",
        f"{SITE}/sitemap-sources.xml",
    ]


def test_sitemap_index_pages_big_sections(client, world, monkeypatch):
    from claims.sitemaps import ClaimSitemap

    monkeypatch.setattr(ClaimSitemap, "limit", 1)
    root = ET.fromstring(client.get(reverse("claims:sitemap")).content)
    locs = [s.findtext(f"{SITEMAP}loc") for s in root]
    assert f"{SITE}/sitemap-claims.xml?p=2" in locs
    second = sitemap_locations(client, "/sitemap-claims.xml?p=2")
    assert second == [f"{SITE}/claims/{world.corrected.pk}/"]


def test_sitemap(client, world):
    locs = set()
    for section in ["pages", "claims", "sources"]:
        locs |= set(sitemap_locations(client, f"/sitemap-{section}.xml"))
    assert f"{SITE}/claims/{world.published.pk}/" in locs
    assert f"{SITE}/claims/{world.corrected.pk}/" in locs
    assert f"{SITE}/sources/donald-trump/" in locs
    assert f"{SITE}/sources/tribunnews/" in locs
    assert f"{SITE}/timeline/" in locs
    assert f"{SITE}/claims/{world.retracted.pk}/" not in locs
    assert not any("zzsecret" in loc for loc in locs)


def test_robots_points_to_the_sitemap(client, db):
    body = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {SITE}/sitemap.xml" in body


# --- API ----------------------------------------------------------------------------


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


@pytest.mark.parametrize("q", ["%00", "a%20%26%20%7C%20!", "%22%5C%5C", "x" * 5000])
def test_api_hostile_search_is_fine(client, world, q):
    assert client.get(f"/api/claims/?q={q}").status_code == 200


def test_api_claim_detail(client, world):
    data = client.get(f"/api/claims/{world.published.pk}/").json()
    assert data["statement"] == world.published.statement
    assert [e["url"] for e in data["evidence"]] == ["https://www.nknews.org/letter"]
    assert [n["body"] for n in data["notes"]] == ["Public write-up: we read NK News."]
    assert data["appearances"][0]["document"]["publisher"]["slug"] == "tribunnews"
    assert "<strong>nobody</strong>" in data["verdict_summary_html"]


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
