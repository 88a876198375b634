"""The sitemap index, its sections and robots.txt."""

import xml.etree.ElementTree as ET

from django.urls import reverse

from tests.readers import SITE, SITEMAP


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
    from public.sitemaps import ClaimSitemap

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
