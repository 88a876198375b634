"""A published claim seen again elsewhere: listed on its page as a later sighting
with the date it was seen, changing nothing already published (statement, verdict,
write-up, the ClaimReview's first appearance)."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from claims import services
from claims.models import Claim, Correction, Status
from tests.clients import DeskClient
from tests.edits import add_row, change_url, save
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    DocumentFactory,
    SourceFactory,
    rating,
)
from tests.ingest.conftest import TRIBUNNEWS
from tests.readers import claim_review

pytestmark = pytest.mark.django_db

QUOTE = "unemployment fell to 5.2 percent in 2019"
LATER = "later-sightings-heading"


def section(html, heading_id):
    """The text of the page's <section> labelled by ``heading_id`` ("" if none)."""
    found = re.search(
        rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S
    )
    return found.group(0) if found else ""


@pytest.fixture
def claim():
    """A published claim, first seen in a Daily Example article of 15 January 2020."""
    claim = ClaimFactory(
        published=True,
        statement="Unemployment fell to 5.2 percent in 2019.",
        made_on=None,
        verdict=rating("false"),
        verdict_summary="The official figure was 5.9 percent.",
        published_at=timezone.now() - dt.timedelta(days=3),
    )
    AppearanceFactory(
        claim=claim,
        quote=QUOTE,
        document=DocumentFactory(
            title="Minister's speech",
            url="https://daily.example/speech",
            publisher=SourceFactory(name="Daily Example", kind="outlet"),
            published_on=dt.date(2020, 1, 15),
        ),
    )
    return claim


def sighting(claim, fact_checker, **document):
    """What a fact-checker records on finding the claim again, after publication."""
    return services.appearance_add(
        claim=claim,
        document=DocumentFactory(**document),
        quote=QUOTE,
        by=fact_checker,
    )


def test_a_later_sighting_is_listed_apart_with_its_date_and_outlet(
    client, claim, fact_checker
):
    sighting(
        claim,
        fact_checker,
        title="Repeated on the radio",
        url="https://radio.example/repeat",
        publisher=SourceFactory(name="Radio Example", kind="outlet"),
        published_on=dt.date(2021, 3, 2),
    )
    html = client.get(claim.get_absolute_url()).text
    later = section(html, LATER)
    assert "Later sightings" in later
    assert '<time datetime="2021-03-02">' in later
    assert 'href="https://radio.example/repeat"' in later
    assert "Radio Example" in later
    first = section(html, "appearances-heading")
    assert "First appearance:" in first
    assert "https://daily.example/speech" in first
    assert "radio.example" not in first  # not one of the original appearances
    # What was published stays as it was.
    assert "Unemployment fell to 5.2 percent in 2019." in html
    assert "The official figure was 5.9 percent." in html
    claim.refresh_from_db()
    assert claim.status == Status.PUBLISHED
    assert not Correction.objects.filter(claim=claim).exists()


def test_a_sighting_without_a_publication_date_shows_the_day_it_was_added(
    client, claim, fact_checker
):
    sighting(claim, fact_checker, title="Undated post", published_on=None)
    later = section(client.get(claim.get_absolute_url()).text, LATER)
    assert "Undated post" in later
    assert f'<time datetime="{timezone.localdate().isoformat()}">' in later


def test_a_page_without_later_sightings_has_no_such_heading(client, claim):
    assert "Later sightings" not in client.get(claim.get_absolute_url()).text


def test_claim_review_keeps_its_first_appearance_and_lists_the_sighting(
    client, claim, fact_checker
):
    before = claim_review(client, claim)
    # Seen later, in an article dated *earlier* than the original one: it still
    # does not become the claim's origin.
    sighting(
        claim,
        fact_checker,
        title="An older article found later",
        url="https://archive.example/older",
        published_on=dt.date(2019, 12, 1),
    )
    after = claim_review(client, claim)
    item = after["itemReviewed"]
    assert item["firstAppearance"] == before["itemReviewed"]["firstAppearance"]
    assert item["firstAppearance"]["url"] == "https://daily.example/speech"
    assert item["datePublished"] == "2020-01-15"
    assert [a["url"] for a in item["appearance"]] == [
        "https://daily.example/speech",
        "https://archive.example/older",
    ]
    for key in ("claimReviewed", "reviewRating", "reviewBody", "datePublished"):
        assert after[key] == before[key]


def test_adding_a_sighting_changes_the_page_etag(client, claim, fact_checker):
    first = client.get(claim.get_absolute_url())
    etag = first["ETag"]
    sighting(claim, fact_checker, title="Seen again on TV", published_on=None)
    again = client.get(claim.get_absolute_url(), headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert "Seen again on TV" in again.text


def test_the_desk_adds_a_sighting_and_marks_it_later(client, claim, editor):
    desk = DeskClient()
    desk.force_login(editor)
    document = DocumentFactory(title="Seen in a newsletter", published_on=None)
    save(
        desk,
        change_url(claim),
        lambda data: add_row(
            data,
            "appearances",
            document=document.pk,
            quote=QUOTE,
            start="",
            end="",
        ),
    )
    admin_html = desk.get(change_url(claim)).text
    assert admin_html.count("later sighting") == 1  # the new row, not the original
    later = section(client.get(claim.get_absolute_url()).text, LATER)
    assert "Seen in a newsletter" in later


def test_the_importer_adds_a_repeat_of_a_published_claim_as_a_later_sighting(client):
    def run(*args):
        call_command(
            "import_article",
            *map(str, args),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )

    run(
        TRIBUNNEWS,
        "--url",
        "https://www.tribunnews.com/first",
        "--published",
        "2025-06-11",
    )
    letter = Claim.objects.get(statement__startswith="Donald Trump sudah membuat surat")
    # Published as the desk would leave it (the workflow has its own tests).
    Claim.objects.filter(pk=letter.pk).update(
        status=Status.PUBLISHED,
        verdict=rating("mostly-true"),
        verdict_summary="NK News reported it.",
        published_at=timezone.now(),
    )
    before = claim_review(client, letter)

    run(
        TRIBUNNEWS, "--url", "https://kompas.example/again", "--published", "2025-06-20"
    )

    letter.refresh_from_db()
    assert letter.statement.startswith("Donald Trump sudah membuat surat")
    assert letter.verdict == rating("mostly-true")
    assert letter.appearances.count() == 2
    html = client.get(letter.get_absolute_url()).text
    later = section(html, LATER)
    assert 'href="https://kompas.example/again"' in later
    assert '<time datetime="2025-06-20">' in later
    assert "kompas.example" not in section(html, "appearances-heading")
    after = claim_review(client, letter)
    assert after["itemReviewed"]["firstAppearance"]["url"] == (
        "https://www.tribunnews.com/first"
    )
    assert (
        after["itemReviewed"]["datePublished"]
        == (before["itemReviewed"]["datePublished"])
    )
    assert len(after["itemReviewed"]["appearance"]) == 2


def test_later_sightings_in_indonesian(client, claim, fact_checker):
    sighting(claim, fact_checker, title="Muncul di radio", published_on=None)
    client.cookies["django_language"] = "id"
    later = section(client.get(claim.get_absolute_url()).text, LATER)
    assert "Muncul lagi" in later
    assert "Terlihat" in later
