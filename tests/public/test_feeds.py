"""RSS and Atom feeds, overall and per tag."""

import xml.etree.ElementTree as ET

from django.urls import reverse

from tests.readers import ATOM, SITE


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
