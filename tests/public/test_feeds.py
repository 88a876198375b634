"""RSS and Atom feeds, overall and per tag: fact-checks, and each correction and
retraction of one as an item of its own."""

import datetime as dt
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims import services
from claims.models import Claim, Tag
from public.feeds import FEED_LENGTH
from tests.factories import ClaimFactory, SourceFactory, rating
from tests.readers import ATOM, SITE


def test_rss_feed(client, world):
    response = client.get(reverse("claims:feed-rss"))
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    correction = world.corrected.corrections.get()
    assert [i.findtext("link") for i in items] == [
        f"{SITE}/claims/{world.corrected.pk}/#correction-{correction.pk}",  # newest
        f"{SITE}/claims/{world.published.pk}/",
        f"{SITE}/claims/{world.corrected.pk}/",
    ]
    first = items[1]
    assert first.findtext("title") == f"Mostly true: {world.published.statement}"
    assert "Claimed by Donald Trump." in first.findtext("description")
    assert first.findtext("pubDate")
    assert {c.text for c in first.findall("category")} == {"north korea", "diplomacy"}


def test_atom_feed(client, world):
    response = client.get(reverse("claims:feed-atom"))
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 3  # two fact-checks and a correction
    assert all(e.find(f"{ATOM}updated").text for e in entries)
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 3


def test_tag_feeds(client, world):
    rss = client.get(reverse("claims:tag-feed-rss", args=["north-korea"]))
    items = ET.fromstring(rss.content).find("channel").findall("item")
    assert [i.findtext("link") for i in items] == [
        f"{SITE}/claims/{world.published.pk}/"
    ]
    atom = client.get(reverse("claims:tag-feed-atom", args=["diplomacy"]))
    # both fact-checks and the correction of the corrected one
    assert len(ET.fromstring(atom.content).findall(f"{ATOM}entry")) == 3


def test_feed_of_a_tag_only_unpublished_claims_use_is_404(client, world):
    assert (
        client.get(reverse("claims:tag-feed-rss", args=["zzsecrettag"])).status_code
        == 404
    )
    assert client.get(reverse("claims:tag-feed-atom", args=["nope"])).status_code == 404


# --- Corrections and retractions as items of their own -------------------------------


def rss_items(client, name="claims:feed-rss", *args):
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return ET.fromstring(response.content).find("channel").findall("item")


def by_guid(items):
    return {i.findtext("guid"): i for i in items}


def corrected_claim(editor, **claim_fields):
    claim = ClaimFactory(
        published=True,
        statement="Unemployment fell to 5.2%.",
        tags=["economy"],
        published_at=timezone.now() - dt.timedelta(days=1),
        **claim_fields,
    )
    correction = services.claim_correct(
        claim=claim,
        by=editor,
        note="We misquoted the figure.",
        expected_version=claim.version,
        fields={"statement": "Unemployment fell to 5.4%."},
        verdict=rating("mostly-false"),
    )
    return claim, correction


def test_a_correction_is_a_new_item_of_the_main_feeds(client, editor):
    claim, correction = corrected_claim(editor)
    items = rss_items(client)
    guid = f"{SITE}/claims/{claim.pk}/#correction-{correction.pk}"
    assert [i.findtext("guid") for i in items] == [guid, f"{SITE}/claims/{claim.pk}/"]
    item = items[0]
    assert item.find("guid").get("isPermaLink") == "true"
    assert item.findtext("link") == guid
    assert item.findtext("title") == "Correction: Unemployment fell to 5.4%."
    description = item.findtext("description")
    # Plain text: sentences, no markup.
    assert description == (
        "We misquoted the figure. Verdict changed from False to Mostly false. "
        "What changed: Statement: “Unemployment fell to 5.2%.” → "
        "“Unemployment fell to 5.4%.”. Verdict: “False” → “Mostly false”."
    )
    published = parsedate_to_datetime(item.findtext("pubDate"))
    assert published == correction.created_at.replace(microsecond=0)
    assert {c.text for c in item.findall("category")} == {"economy"}
    # The claim page answers the item's link with the correction's anchor.
    assert (
        f'id="correction-{correction.pk}"' in client.get(claim.get_absolute_url()).text
    )


def test_a_correction_is_in_the_atom_feed_with_its_own_id(client, editor):
    claim, correction = corrected_claim(editor)
    root = ET.fromstring(client.get(reverse("claims:feed-atom")).content)
    entry = root.findall(f"{ATOM}entry")[0]
    assert entry.findtext(f"{ATOM}id") == (
        f"{SITE}/claims/{claim.pk}/#correction-{correction.pk}"
    )
    assert entry.findtext(f"{ATOM}title") == "Correction: Unemployment fell to 5.4%."
    assert "We misquoted the figure." in entry.findtext(f"{ATOM}summary")
    updated = dt.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    assert updated == correction.created_at


def test_a_correction_is_in_the_feeds_of_its_claims_tags_only(client, editor):
    claim, correction = corrected_claim(editor)
    ClaimFactory(published=True, tags=["health"])
    guid = f"{SITE}/claims/{claim.pk}/#correction-{correction.pk}"
    assert guid in by_guid(rss_items(client, "claims:tag-feed-rss", "economy"))
    assert guid not in by_guid(rss_items(client, "claims:tag-feed-rss", "health"))
    atom = client.get(reverse("claims:tag-feed-atom", args=["economy"]))
    ids = [
        e.findtext(f"{ATOM}id")
        for e in ET.fromstring(atom.content).findall(f"{ATOM}entry")
    ]
    assert ids[0] == guid


def test_a_correction_of_an_unpublished_claim_is_in_no_feed(client, editor):
    claim, _correction = corrected_claim(editor)
    type(claim).objects.filter(pk=claim.pk).update(status="researching")  # a bypass
    assert rss_items(client) == []
    assert "We misquoted" not in client.get(reverse("claims:feed-atom")).text


def test_a_retraction_is_a_new_item_with_its_reason(client, editor):
    claim = ClaimFactory(
        published=True, statement="The bridge opened in 1932.", tags=["economy"]
    )
    services.claim_retract(claim=claim, by=editor, comment="We checked the wrong town.")
    event = claim.events.get(action="claim.retracted")
    [item] = rss_items(client)  # the retracted fact-check itself leaves the feed
    guid = f"{SITE}/claims/{claim.pk}/#retraction-{event.pk}"
    assert item.findtext("guid") == guid
    assert item.findtext("title") == "Retraction: The bridge opened in 1932."
    assert item.findtext("description").endswith("Why: We checked the wrong town.")
    assert "retracted this fact-check" in item.findtext("description")
    assert parsedate_to_datetime(item.findtext("pubDate")) == (
        event.created_at.replace(microsecond=0)
    )
    other = ClaimFactory(
        published=True,
        tags=["economy"],
        published_at=timezone.now() - dt.timedelta(days=1),
    )
    assert [
        i.findtext("guid") for i in rss_items(client, "claims:tag-feed-rss", "economy")
    ] == [guid, f"{SITE}/claims/{other.pk}/"]
    assert f'id="retraction-{event.pk}"' in client.get(claim.get_absolute_url()).text


def test_feeds_items_are_ordered_by_date_and_cut_at_the_feed_length(client, editor):
    claim, correction = corrected_claim(editor)
    newer = ClaimFactory(published=True)  # published after the correction
    items = rss_items(client)
    assert [i.findtext("guid") for i in items] == [
        f"{SITE}/claims/{newer.pk}/",
        f"{SITE}/claims/{claim.pk}/#correction-{correction.pk}",
        f"{SITE}/claims/{claim.pk}/",
    ]
    ClaimFactory.create_batch(FEED_LENGTH, published=True)
    assert len(rss_items(client)) == FEED_LENGTH


HOSTILE = "<img src=x onerror=alert(1)>"


def test_a_corrected_claim_says_so_in_its_own_item(client, editor):
    claim, _correction = corrected_claim(editor)
    item = by_guid(rss_items(client))[f"{SITE}/claims/{claim.pk}/"]
    assert item.findtext("title") == (
        "Mostly false (corrected): Unemployment fell to 5.4%."
    )
    assert "Corrected on " in item.findtext("description")


def test_descriptions_are_plain_text_not_markdown(client, db):
    claim = ClaimFactory(
        published=True,
        verdict_summary="**Bold** claim, see [the data](https://stats.example/x).\n\n"
        "- one\n- two",
    )
    description = by_guid(rss_items(client))[f"{SITE}/claims/{claim.pk}/"].findtext(
        "description"
    )
    assert "Bold claim, see the data. one two" in description
    for markup in ("**", "](", "<", "- one"):
        assert markup not in description


def test_user_text_is_escaped_in_every_description(client, editor):
    claimant = SourceFactory(name=HOSTILE, kind="person")
    claim = ClaimFactory(
        published=True,
        claimant=claimant,
        verdict_summary="Plain words &lt;script&gt;alert(2)&lt;/script&gt;",
        tags=["economy"],
    )
    correction = services.claim_correct(
        claim=claim,
        by=editor,
        note=f"Note {HOSTILE}",
        expected_version=claim.version,
        fields={"statement": f"Statement {HOSTILE}"},
    )
    retracted = ClaimFactory(published=True)
    services.claim_retract(claim=retracted, by=editor, comment=f"Why {HOSTILE}")
    for name, args in [
        ("claims:feed-rss", ()),
        ("claims:tag-feed-rss", ("economy",)),
        ("claims:corrections-feed", ()),
    ]:
        for item in rss_items(client, name, *args):
            # ElementTree has unescaped the XML once, as a feed reader does.
            description = item.findtext("description")
            assert "<img" not in description
            assert "<script" not in description
    descriptions = by_guid(rss_items(client))
    claim_item = descriptions[f"{SITE}/claims/{claim.pk}/"].findtext("description")
    assert "Claimed by &lt;img src=x onerror=alert(1)&gt;." in claim_item
    correction_item = descriptions[
        f"{SITE}/claims/{claim.pk}/#correction-{correction.pk}"
    ].findtext("description")
    assert correction_item.startswith("Note &lt;img src=x onerror=alert(1)&gt; ")
    atom = client.get(reverse("claims:feed-atom")).content
    for entry in ET.fromstring(atom).findall(f"{ATOM}entry"):
        assert "<img" not in entry.findtext(f"{ATOM}summary")


def _feed_queries(client, name, *args):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(name, args=args)).status_code == 200
    return len(queries)


def test_feeds_take_as_many_queries_for_many_items_as_for_few(client, editor):
    def add_one_of_each():
        corrected_claim(editor)
        claim = ClaimFactory(published=True, tags=["economy"])
        services.claim_retract(claim=claim, by=editor, comment="Wrong town.")

    add_one_of_each()
    assert rss_items(client)  # the retraction ids are kept, as they are below
    few = {
        name: _feed_queries(client, name, *args)
        for name, args in [
            ("claims:feed-rss", ()),
            ("claims:feed-atom", ()),
            ("claims:tag-feed-rss", ("economy",)),
        ]
    }
    for _ in range(4):
        add_one_of_each()
    assert len(rss_items(client)) == 15  # a fact-check, a correction, a retraction
    for name, n in few.items():
        args = ("economy",) if "tag" in name else ()
        assert _feed_queries(client, name, *args) == n, name


# --- Cached entries (``public.feeds.feed_entries``) ----------------------------------


@override_settings(CLAIMDESK_FRAGMENT_CACHE_SECONDS=60)
def test_cached_feed_entries_change_with_a_correction_and_a_rename(client, editor):
    claim = ClaimFactory(
        published=True, statement="Unemployment fell to 5.2%.", tags=["economy"]
    )
    guid = f"{SITE}/claims/{claim.pk}/"
    feeds = [("claims:feed-rss", ()), ("claims:tag-feed-rss", ("economy",))]
    for name, args in feeds:
        assert by_guid(rss_items(client, name, *args))[guid].findtext("title") == (
            "False: Unemployment fell to 5.2%."
        )
    # A write that bumps no page version is not seen: the entry is the cached one.
    Claim.objects.filter(pk=claim.pk).update(statement="Written around the services.")
    assert "Written around" not in client.get(reverse("claims:feed-rss")).text

    claim.refresh_from_db()
    correction = services.claim_correct(
        claim=claim,
        by=editor,
        note="We misquoted the figure.",
        expected_version=claim.version,
        fields={"statement": "Unemployment fell to 5.4%."},
    )
    tag = Tag.objects.get(name="economy")
    tag.name = "jobs"
    services.tag_save(tag=tag, by=editor)
    for name, args in feeds:
        items = by_guid(rss_items(client, name, *args))
        assert items[guid].findtext("title") == (
            "False (corrected): Unemployment fell to 5.4%."
        )
        assert {c.text for c in items[guid].findall("category")} == {"jobs"}
        fix = items[f"{guid}#correction-{correction.pk}"]
        assert fix.findtext("title") == "Correction: Unemployment fell to 5.4%."
        assert {c.text for c in fix.findall("category")} == {"jobs"}
    indonesian = client.get(
        reverse("claims:feed-rss"), headers={"accept-language": "id"}
    )
    assert "Salah (dikoreksi): Unemployment fell to 5.4%." in indonesian.text


def test_a_tag_feed_shows_a_new_retraction_and_never_a_hidden_one(client, editor):
    other = ClaimFactory(
        published=True,
        tags=["economy"],
        published_at=timezone.now() - dt.timedelta(days=1),
    )
    claim = ClaimFactory(published=True, tags=["economy"])
    assert rss_items(client, "claims:tag-feed-rss", "economy")  # the ids are kept
    services.claim_retract(claim=claim, by=editor, comment="We checked the wrong town.")
    event = claim.events.get(action="claim.retracted")
    guid = f"{SITE}/claims/{claim.pk}/#retraction-{event.pk}"
    items = rss_items(client, "claims:tag-feed-rss", "economy")
    assert [i.findtext("guid") for i in items] == [guid, f"{SITE}/claims/{other.pk}/"]
    # Archived around the services (no new site version): gone all the same.
    Claim.objects.filter(pk=claim.pk).update(is_archived=True)
    items = rss_items(client, "claims:tag-feed-rss", "economy")
    assert [i.findtext("guid") for i in items] == [f"{SITE}/claims/{other.pk}/"]


def test_the_site_feed_shows_a_new_retraction_and_never_a_hidden_one(client, editor):
    other = ClaimFactory(
        published=True, published_at=timezone.now() - dt.timedelta(days=1)
    )
    claim = ClaimFactory(published=True)
    assert rss_items(client)  # the retraction ids are kept
    services.claim_retract(claim=claim, by=editor, comment="We checked the wrong town.")
    event = claim.events.get(action="claim.retracted")
    guid = f"{SITE}/claims/{claim.pk}/#retraction-{event.pk}"
    items = rss_items(client)
    assert [i.findtext("guid") for i in items] == [guid, f"{SITE}/claims/{other.pk}/"]
    Claim.objects.filter(pk=claim.pk).update(is_archived=True)  # no new version
    items = rss_items(client)
    assert [i.findtext("guid") for i in items] == [f"{SITE}/claims/{other.pk}/"]


def _retracted(editor, archived=False):
    """A retraction, newer than every one before it (events take the time now)."""
    claim = ClaimFactory(published=True)
    services.claim_retract(claim=claim, by=editor, comment="Wrong town.")
    if archived:
        Claim.objects.filter(pk=claim.pk).update(is_archived=True)
    return claim.events.get(action="claim.retracted").pk


def test_the_newest_public_retractions_behind_many_hidden_ones(editor):
    """The ids are read from the newest retraction events first (four times as
    many as asked for); when too few of those are public, the whole question is
    asked, so older public retractions are still found, newest first."""
    from claims.models import ReviewEvent

    older = [_retracted(editor) for _ in range(3)][::-1]  # newest first
    for _ in range(8):
        _retracted(editor, archived=True)
    assert ReviewEvent.objects.newest_public_retraction_ids(2) == older[:2]
    newer = _retracted(editor)
    assert ReviewEvent.objects.newest_public_retraction_ids(2) == [newer, older[0]]
    assert ReviewEvent.objects.newest_public_retraction_ids(20) == [newer, *older]


# --- Read in Indonesian (``?lang=id``) ------------------------------------------------


def _feed(client, name="claims:feed-rss", *args, **params):
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_the_feed_in_indonesian_shows_translations_where_written(client, editor):
    """``?lang=id``: each item's title and description in the translation where the
    team wrote one (each part falling back to the original on its own, as the
    page does), tags by their Indonesian names, links to the Indonesian version;
    the plain feed is unchanged."""
    tag = Tag.objects.create(
        name="diplomacy", translations={"id": {"name": "diplomasi"}}
    )
    translated = ClaimFactory(
        published=True,
        statement="North Korea refused a letter from Trump.",
        verdict=rating("true"),
        verdict_summary="NK News reported it; nobody denied it.",
        published_at=timezone.now() - dt.timedelta(days=1),
    )
    translated.tags.add(tag)
    services.claim_translation_add(
        claim=translated,
        by=editor,
        language="id",
        statement="Korea Utara menolak surat dari Trump.",
        verdict_summary="NK News melaporkannya; tak ada yang membantah.",
    )
    only_statement = ClaimFactory(
        published=True,
        statement="The bridge opened in 1932.",
        verdict_summary="The town's archive says 1934.",
        published_at=timezone.now() - dt.timedelta(days=2),
    )
    services.claim_translation_add(
        claim=only_statement,
        by=editor,
        language="id",
        statement="Jembatan itu dibuka pada 1932.",
    )
    untranslated = ClaimFactory(published=True, statement="Rice prices rose in Java.")

    channel = _feed(client, lang="id").find("channel")
    assert channel.findtext("language") == "id"
    assert channel.findtext("link") == f"{SITE}/claims/?lang=id"
    items = {i.findtext("guid"): i for i in channel.findall("item")}
    url = f"{SITE}/claims/{translated.pk}/?lang=id"
    assert (
        items[url].findtext("title").endswith(": Korea Utara menolak surat dari Trump.")
    )
    assert "tak ada yang membantah" in items[url].findtext("description")
    assert "nobody denied" not in items[url].findtext("description")
    assert items[url].findtext("link") == url
    assert [c.text for c in items[url].findall("category")] == ["diplomasi"]
    bridge = items[f"{SITE}/claims/{only_statement.pk}/?lang=id"]
    assert bridge.findtext("title").endswith(": Jembatan itu dibuka pada 1932.")
    assert "archive says 1934" in bridge.findtext("description")  # the original
    rice = items[f"{SITE}/claims/{untranslated.pk}/?lang=id"]
    assert rice.findtext("title").endswith(": Rice prices rose in Java.")

    # The same feed without ?lang= stays English, with plain links.
    english = {i.findtext("guid"): i for i in rss_items(client)}
    plain = english[f"{SITE}/claims/{translated.pk}/"]
    assert plain.findtext("title").endswith(
        ": North Korea refused a letter from Trump."
    )
    assert [c.text for c in plain.findall("category")] == ["diplomacy"]
    # Atom and the topic's feed too.
    atom = _feed(client, "claims:feed-atom", lang="id")
    titles = [e.findtext(f"{ATOM}title") for e in atom.findall(f"{ATOM}entry")]
    assert any(t.endswith(": Korea Utara menolak surat dari Trump.") for t in titles)
    topic = _feed(client, "claims:tag-feed-rss", "diplomacy", lang="id").find("channel")
    assert "diplomasi" in topic.findtext("title")
    assert topic.findtext("link") == f"{SITE}/claims/?tag=diplomacy&lang=id"
    [topical] = topic.findall("item")
    assert topical.findtext("link") == url


def test_corrections_and_retractions_in_indonesian(client, editor):
    claim, correction = corrected_claim(editor)
    services.claim_translation_add(
        claim=claim, by=editor, language="id", statement="Pernyataan terjemahan."
    )
    retracted = ClaimFactory(published=True, statement="The bridge opened in 1932.")
    services.claim_translation_add(
        claim=retracted, by=editor, language="id", statement="Jembatan dibuka 1932."
    )
    services.claim_retract(claim=retracted, by=editor, comment="Wrong town.")
    titles = {
        i.findtext("link"): i.findtext("title")
        for i in _feed(client, lang="id").find("channel").findall("item")
    }
    event = retracted.events.get(action="claim.retracted")
    fixed = f"{SITE}/claims/{claim.pk}/?lang=id#correction-{correction.pk}"
    assert titles[fixed].endswith(": Pernyataan terjemahan.")
    pulled = f"{SITE}/claims/{retracted.pk}/?lang=id#retraction-{event.pk}"
    assert titles[pulled].endswith(": Jembatan dibuka 1932.")
    log = _feed(client, "claims:corrections-feed", lang="id").find("channel")
    [item] = log.findall("item")
    assert item.findtext("link") == fixed
    assert item.findtext("title").endswith(": Pernyataan terjemahan.")


def test_feeds_in_indonesian_take_as_many_queries_for_many_items_as_for_few(
    client, editor
):
    def add_one():
        claim = ClaimFactory(published=True, tags=["economy"])
        services.claim_translation_add(
            claim=claim, by=editor, language="id", statement="Terjemahan."
        )

    add_one()
    with CaptureQueriesContext(connection) as few:
        _feed(client, lang="id")
    for _ in range(4):
        add_one()
    with CaptureQueriesContext(connection) as many:
        _feed(client, lang="id")
    assert len(many) == len(few)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "id"])
def test_each_page_advertises_the_feed_in_its_own_language(client, language):
    """A feed reader subscribes from the page's ``<link rel=alternate>`` and sends
    no Accept-Language: the link itself carries the page's language."""
    ClaimFactory(published=True)
    page = client.get("/", headers={"accept-language": language}).text
    links = re.findall(r'<link rel="alternate" type="application/[a-z+]+" [^>]*>', page)
    hrefs = [re.search(r'href="([^"]+)"', link).group(1) for link in links]
    assert hrefs == [f"/feeds/rss/?lang={language}", f"/feeds/atom/?lang={language}"]
    rss = ET.fromstring(client.get(hrefs[0]).content)  # no Accept-Language
    assert rss.find("channel").findtext("language") == language
