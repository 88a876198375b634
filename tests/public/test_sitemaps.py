"""The sitemap index, its sections and robots.txt."""

import math
import xml.etree.ElementTree as ET

import pytest
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, Source
from public.sitemaps import BlockSection
from tests.readers import SITE, SITEMAP


def sitemap_locations(client, url):
    root = ET.fromstring(client.get(url).content)
    return [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]


def test_sitemap_index_lists_every_section(client, world, block):
    block(10**9)  # one page a section, whatever ids the database hands out
    root = ET.fromstring(client.get(reverse("claims:sitemap")).content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    assert [s.findtext(f"{SITEMAP}loc") for s in root] == [
        f"{SITE}/sitemap-pages.xml",
        f"{SITE}/sitemap-claims.xml",
        f"{SITE}/sitemap-sources.xml",
    ]


def index_locations(client):
    root = ET.fromstring(client.get(reverse("claims:sitemap")).content)
    return [s.findtext(f"{SITEMAP}loc") for s in root]


def section_locations(client, section):
    """Every location of a section, from all the pages the index lists for it (on
    PostgreSQL, ids keep counting across tests, so a test's rows may sit on any
    page)."""
    prefix = f"{SITE}/sitemap-{section}.xml"
    locs = []
    for page in index_locations(client):
        if page.startswith(prefix):
            locs += sitemap_locations(client, page.removeprefix(SITE))
    return locs


@pytest.fixture
def block(monkeypatch):
    """Set the sitemaps' block of ids per page."""
    from public.sitemaps import BlockSection

    return lambda size: monkeypatch.setattr(BlockSection, "block", size)


def test_sitemap_index_pages_big_sections(client, world, block):
    block(1)
    locs = index_locations(client)
    assert f"{SITE}/sitemap-claims.xml?p=2" in locs
    page = sitemap_locations(client, f"/sitemap-claims.xml?p={world.corrected.pk}")
    assert page == [f"{SITE}/claims/{world.corrected.pk}/"]


def test_the_index_lists_claim_pages_up_to_the_highest_id(client, world, block):
    last = Claim.objects.aggregate(last=Max("pk"))["last"]
    block(2)
    pages = [
        loc for loc in index_locations(client) if loc.startswith(f"{SITE}/sitemap-c")
    ]
    assert pages == [f"{SITE}/sitemap-claims.xml"] + [
        f"{SITE}/sitemap-claims.xml?p={p}" for p in range(2, math.ceil(last / 2) + 1)
    ]
    beyond = math.ceil(last / 2) + 1
    assert client.get(f"/sitemap-claims.xml?p={beyond}").status_code == 404


def test_a_claim_in_the_second_block_is_on_page_two(client, world, block):
    claim = world.corrected
    block(claim.pk - 1)  # the second block starts with this claim
    assert f"{SITE}/claims/{claim.pk}/" in sitemap_locations(
        client, "/sitemap-claims.xml?p=2"
    )
    assert f"{SITE}/claims/{claim.pk}/" not in sitemap_locations(
        client, "/sitemap-claims.xml"
    )


def test_a_source_in_the_second_block_is_on_page_two(client, world, block):
    source = Source.objects.get(slug="tribunnews")  # a publisher, after the claimant
    block(source.pk - 1)
    assert f"{SITE}/sources/{source.slug}/" in sitemap_locations(
        client, "/sitemap-sources.xml?p=2"
    )
    assert f"{SITE}/sources/{source.slug}/" not in sitemap_locations(
        client, "/sitemap-sources.xml"
    )


def test_a_block_without_public_claims_is_an_empty_urlset(client, world, block):
    block(1)
    response = client.get(f"/sitemap-claims.xml?p={world.hidden['in_review'].pk}")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    assert list(root) == []


def test_an_empty_site_has_one_empty_page_per_section(client, db):
    for section in ["claims", "sources"]:
        response = client.get(f"/sitemap-{section}.xml")
        assert response.status_code == 200
        assert list(ET.fromstring(response.content)) == []


@pytest.mark.parametrize("page", ["0", "-1", "abc", "", "2.5", "99999999999999999999"])
def test_a_bad_page_is_404(client, world, page):
    assert client.get(f"/sitemap-claims.xml?p={page}").status_code == 404


def test_an_unknown_section_is_404(client, world):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_locations_are_escaped_xml(client, world, settings):
    settings.CLAIMDESK_SITE_URL = "https://example.org/fact&check/"
    page = math.ceil(world.published.pk / BlockSection.block)
    locs = set(sitemap_locations(client, f"/sitemap-claims.xml?p={page}"))
    assert f"https://example.org/fact&check/claims/{world.published.pk}/" in locs
    assert "https://example.org/fact&check/sitemap-claims.xml" in index_locations(
        client
    )


def test_claims_carry_the_date_their_page_changed(client, world):
    page = math.ceil(world.published.pk / BlockSection.block)
    root = ET.fromstring(client.get(f"/sitemap-claims.xml?p={page}").content)
    lastmod = {
        u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod")
        for u in root.findall(f"{SITEMAP}url")
    }
    claim = world.published
    claim.refresh_from_db()
    expected = timezone.localdate(claim.page_changed_at).isoformat()
    assert lastmod[f"{SITE}/claims/{claim.pk}/"] == expected


def test_sitemap(client, world):
    locs = set()
    for section in ["pages", "claims", "sources"]:
        locs |= set(section_locations(client, section))
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
