"""ClaimReview JSON-LD on the claim pages."""

from tests.factories import ClaimFactory, rating
from tests.readers import SITE, claim_review


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
    # Not translated yet: the review's text is the English original, and says so
    # (tests/public/test_bilingual.py reads a translated one).
    assert data["inLanguage"] == "en"
    assert data["claimReviewed"] == world.published.statement


def test_claim_review_cannot_break_out_of_its_script(client, db):
    claim = ClaimFactory(published=True, statement="</script><script>alert(1)</script>")
    body = client.get(claim.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in body
    assert claim_review(client, claim)["claimReviewed"] == claim.statement
