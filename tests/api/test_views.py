"""The read-only JSON API and its OpenAPI schema."""

import json
import re

import pytest
from django.core.management import call_command

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
