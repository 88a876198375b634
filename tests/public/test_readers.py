"""What a reader notices without a browser: search by any name and by topic,
share cards, links on the host in use, placeholders, the archived filter and
``make run PORT=``. The browser's side is in test_browser_readers.py."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse
from PIL import Image

from claims import services
from claims.caching import catalogue_version
from claims.colours import contrast, readable_background
from claims.models import Claim
from public import sharecard
from tests.factories import (
    ClaimFactory,
    SourceAliasFactory,
    SourceFactory,
    rating,
)

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def ids(qs):
    return {c.pk for c in qs}


@pytest.fixture
def korea(db):
    """North Korea known as Korut; Kim Jong Un as Kim Jong-un; the UN as "UN"."""
    nk = SourceFactory(name="North Korea", kind="government")
    for alias in ("Korut", "Korea Utara", "DPRK"):
        SourceAliasFactory(source=nk, name=alias)
    kim = SourceFactory(name="Kim Jong Un", kind="person")
    SourceAliasFactory(source=kim, name="Kim Jong-un")
    un = SourceFactory(name="United Nations", kind="organisation")
    SourceAliasFactory(source=un, name="UN")
    return {
        # Named in the statement only, tagged only, claimed by it, and unrelated.
        "said": ClaimFactory(
            published=True, statement="North Korea tested a missile in May."
        ),
        "tagged": ClaimFactory(
            published=True,
            statement="The summit ended without an agreement.",
            tags=["North Korea"],
        ),
        "by_kim": ClaimFactory(
            published=True, claimant=kim, statement="Our talks went well."
        ),
        "hyphen": ClaimFactory(
            published=True, statement="Kim Jong-un met the president at the border."
        ),
        "un": ClaimFactory(
            published=True, statement="The United Nations condemned the test."
        ),
        "draft": ClaimFactory(in_review=True, statement="North Korea drafts a reply."),
        "other": ClaimFactory(published=True, statement="Rice prices rose in Java."),
    }


def found(text):
    return ids(Claim.objects.published().search(text))


def test_an_alias_finds_claims_that_name_the_entity_or_are_filed_under_it(korea):
    expected = {korea["said"].pk, korea["tagged"].pk}
    assert found("Korut") == expected
    assert found("korea utara") == expected
    assert found("North Korea") == expected  # the tag's claims too


def test_a_tag_name_finds_its_claims(korea):
    ClaimFactory(published=True, statement="Fuel went up.", tags=["Sanctions"])
    sanctioned = Claim.objects.get(statement="Fuel went up.")
    assert found("sanctions") == {sanctioned.pk}


def test_a_topic_is_found_whole_whatever_its_size(korea):
    """A tag's name finds every claim filed under it, whether or not it says the
    word (the limit of 2,000 that a topic's claims were ORed in under is gone:
    tag names are in the search vector; test_search_tags_translations.py)."""
    ClaimFactory(published=True, statement="Fuel went up.", tags=["Sanctions"])
    ClaimFactory(published=True, statement="New sanctions on oil.", tags=["Sanctions"])
    assert len(found("sanctions")) == 2


def test_hyphen_and_spacing_variants_find_the_same_claims(korea):
    expected = {korea["by_kim"].pk, korea["hyphen"].pk}
    assert found("Kim Jong Un") == expected
    assert found("Kim Jong-un") == expected
    assert found("kim jong-Un") == expected


def test_a_short_alias_counts_only_as_written(korea):
    # "Un" in a name is not the "UN"; "UN" written as such is.
    assert korea["un"].pk not in found("Kim Jong Un")
    assert korea["un"].pk in found("UN")


def test_an_alias_with_more_words_needs_them_all(korea):
    assert found("Korut missile") == {korea["said"].pk}
    assert found("Korut rice") == set()


def test_unpublished_claims_are_never_found_by_alias(korea):
    assert korea["draft"].pk not in found("Korut")
    assert korea["draft"].pk not in found("North Korea")


def test_the_list_page_searches_by_alias(client, korea):
    page = client.get(reverse("claims:claim-list"), {"q": "Korut"}).text
    assert "North Korea tested a missile" in page
    assert "The summit ended without an agreement." in page
    assert "Rice prices" not in page


# --- Share cards ---------------------------------------------------------------


def test_claim_page_names_its_share_card(client):
    claim = ClaimFactory(published=True, verdict=rating("mixed"))
    html = client.get(claim.get_absolute_url()).text
    version = f"{claim.page_version}.{catalogue_version()}"
    url = f"http://127.0.0.1:8000/claims/{claim.pk}/card.png?v={version}"
    assert f'<meta property="og:image" content="{url}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:image:width" content="1200">' in html


def test_share_card_is_a_png_of_the_verdict(client):
    claim = ClaimFactory(published=True, verdict=rating("mostly-true"))
    response = client.get(reverse("claims:claim-share-card", args=[claim.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (1200, 630)
    # The badge is drawn in the verdict's colour, darkened until white text reads.
    badge = readable_background(rating("mostly-true").colour)
    rgb = tuple(int(badge[i : i + 2], 16) for i in (1, 3, 5))
    assert rgb in {c for _n, c in image.convert("RGB").getcolors(1_000_000)}


def test_share_card_is_drawn_once_per_page_version(client, editor, monkeypatch):
    claim = ClaimFactory(published=True, verdict=rating("false"))
    drawn = []
    real = sharecard.render_card
    monkeypatch.setattr(
        sharecard, "render_card", lambda c: drawn.append(c.pk) or real(c)
    )
    cache.clear()
    url = reverse("claims:claim-share-card", args=[claim.pk])
    first = client.get(url).content
    assert client.get(url).content == first
    assert drawn == [claim.pk]
    services.claim_correct(
        claim=claim,
        by=editor,
        note="Wrong figure.",
        expected_version=claim.version,
        fields={"statement": "A corrected statement."},
    )
    assert client.get(url).content != first
    assert drawn == [claim.pk, claim.pk]
    # The claimant's name is drawn too: a rename draws the card anew.
    claimant = claim.claimant
    claimant.name = "A renamed speaker"
    services.source_save(source=claimant, by=editor)
    assert client.get(url).content != first
    assert drawn == [claim.pk] * 3


def test_no_share_card_for_an_unpublished_claim(client):
    claim = ClaimFactory(in_review=True)
    url = reverse("claims:claim-share-card", args=[claim.pk])
    assert client.get(url).status_code == 404


# --- Colours ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "colour", ["#65a30d", "#ca8a04", "#ea580c", "#ffffff", "#ffff00", "#000000"]
)
def test_any_rating_colour_becomes_a_badge_white_text_reads_on(colour):
    assert contrast(readable_background(colour), "#ffffff") >= 4.5


def test_verdict_stylesheet_darkens_light_colours(client):
    css = client.get(reverse("claims:verdict-colours")).text
    for line in css.splitlines():
        colour = line.split("--verdict-colour: ")[1].rstrip("; }")
        assert contrast(colour, "#ffffff") >= 4.5, line


# --- Links on the host in use ------------------------------------------------------


@override_settings(CLAIMDESK_SITE_URL="https://facts.example.org")
def test_links_use_the_configured_site_in_production(client):
    ClaimFactory(published=True)
    feed = client.get(reverse("claims:feed-rss"), HTTP_HOST="localhost:8123").text
    assert "https://facts.example.org/claims/" in feed
    assert "localhost:8123" not in feed


def test_links_follow_the_request_host_in_development(client, settings):
    settings.CLAIMDESK_SITE_URL_FROM_REQUEST = True
    settings.MIDDLEWARE = [*settings.MIDDLEWARE]  # rebuild the chain with it on
    claim = ClaimFactory(published=True)
    feed = client.get(reverse("claims:feed-rss"), HTTP_HOST="localhost:8123").text
    assert f"http://localhost:8123/claims/{claim.pk}/" in feed
    page = client.get(claim.get_absolute_url(), HTTP_HOST="localhost:8123").text
    assert (
        f'<link rel="canonical" href="http://localhost:8123/claims/{claim.pk}/">'
        in (page)
    )
    api = client.get(f"/api/claims/{claim.pk}/", HTTP_HOST="localhost:8123").json()
    assert api["url"].startswith("http://localhost:8123/")


@pytest.mark.skipif(not shutil.which("make"), reason="make not installed")
def test_make_run_takes_a_port():
    out = subprocess.run(
        ["make", "-n", "run", "PORT=8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "runserver 127.0.0.1:8123" in out
    assert "load_demo --site http://127.0.0.1:8123/" in out


# --- Forms a person fills in ----------------------------------------------------------

PLACEHOLDER = "YYYY-MM-DD, YYYY-MM or YYYY"


def test_date_placeholders_cannot_be_read_as_data(client, editor):
    public = client.get(reverse("claims:claim-list")).text
    assert f'placeholder="{PLACEHOLDER}"' in public
    client.force_login(editor)
    desk = client.get(reverse("admin:claims_claim_add")).text
    assert f'placeholder="{PLACEHOLDER}"' in desk
    assert 'placeholder="2019-06"' not in desk


def test_the_archived_filter_has_one_all(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:claims_claim_changelist")).text
    start = page.index("By archived")
    block = page[start : page.index("</ul>", start)]
    assert block.count(">All<") == 0
    for label in ("Not archived", "Archived only", "All, archived too"):
        assert label in block
