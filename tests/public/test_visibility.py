"""The visibility rule, end to end: crawl every public surface for unpublished work.

The ``world`` fixture gives every unpublished claim, its evidence, notes, claimant,
tag and documents a marker word starting with ``zz``; none may reach any page, feed,
sitemap, search result, API response or JSON-LD. Their URLs answer 404.
"""

import re
from collections import deque

import pytest
from django.urls import reverse

from claims.models import Source, Tag

#: Every distinctive word of the world's unpublished things (see tests/world.py).
MARKERS = [
    "zzhiddennew",
    "zzhiddenresearching",
    "zzhiddeninreview",
    "zzhiddennotcheckable",
    "of an unpublished claim",
    "zzretracted",
    "zzarchivedclaim",
    "zzarchivedevidence",
    "zzinternalnote",
    "do not publish",
    "Zzsecretclaimant",
    "zzsecretclaimant",
    "zzsecrettag",
]

LINK = re.compile(r'href="(/[^"#?]*(?:\?[^"#]*)?)')


def seeds(world):
    claims = [world.published, world.corrected, world.retracted, world.archived]
    claims += world.hidden.values()
    urls = [
        "/",
        "/claims/",
        "/timeline/",
        "/sitemap.xml",
        "/sitemap-pages.xml",
        "/sitemap-claims.xml",
        "/sitemap-sources.xml",
        "/robots.txt",
        "/feeds/rss/",
        "/feeds/atom/",
        "/corrections/",
        "/corrections/feed/",
        "/api/",
        "/api/claims/",
        "/api/sources/",
        "/api/ratings/",
        "/api/schema/",
    ]
    for word in ["zz", "zzhidden", "zzsecretclaimant", "statement", "unpublished"]:
        urls += [f"/claims/?q={word}", f"/api/claims/?q={word}"]
    for source in Source.objects.all():
        urls += [
            f"/sources/{source.slug}/",
            f"/api/sources/{source.slug}/",
            f"/claims/?claimant={source.slug}",
            f"/claims/?publisher={source.slug}",
            f"/timeline/?claimant={source.slug}",
            f"/api/claims/?claimant={source.slug}",
        ]
    for tag in Tag.objects.all():
        urls += [
            f"/claims/?tag={tag.slug}",
            f"/timeline/?tag={tag.slug}",
            f"/feeds/tags/{tag.slug}/rss/",
            f"/feeds/tags/{tag.slug}/atom/",
            f"/api/claims/?tag={tag.slug}",
        ]
    for slug in ["false", "true", "mostly-true"]:
        urls += [f"/claims/?verdict={slug}", f"/api/claims/?verdict={slug}"]
    urls += ["/claims/?event_to=2018-12", "/claims/?sort=event", "/claims/?sort=-event"]
    for claim in claims:
        urls += [claim.get_absolute_url(), f"/api/claims/{claim.pk}/"]
    return urls


def crawl(client, world):
    """Every response reachable from the seeds by following same-site links."""
    seen, responses = set(), {}
    queue = deque(seeds(world))
    while queue and len(seen) < 600:
        url = queue.popleft().replace("&amp;", "&")
        if url in seen or url.startswith(("/admin", "/static", "/language", "/i18n")):
            continue
        seen.add(url)
        response = client.get(url)
        responses[url] = response
        if response.status_code == 200 and "html" in response["Content-Type"]:
            queue.extend(LINK.findall(response.content.decode()))
    return responses


@pytest.mark.parametrize("language", ["en", "id"])
def test_no_trace_of_unpublished_work_anywhere(client, world, language):
    client.cookies["django_language"] = language
    responses = crawl(client, world)
    assert len(responses) > 80
    retracted = [
        world.retracted.get_absolute_url(),
        f"/api/claims/{world.retracted.pk}/",
    ]
    for url, response in responses.items():
        assert response.status_code in (200, 400, 404), url
        if url in retracted:
            continue  # its own page (and detail) shows it under a retraction notice
        body = response.content.decode()
        for marker in MARKERS:
            if marker in url:
                continue  # a search or filter echoes what the reader typed
            assert marker not in body, f"{marker} leaked on {url}"


def test_unpublished_urls_answer_404_everywhere(client, world):
    for claim in [world.archived, *world.hidden.values()]:
        assert client.get(claim.get_absolute_url()).status_code == 404
        assert client.get(f"/api/claims/{claim.pk}/").status_code == 404
    slug = world.secret_claimant.slug
    assert client.get(f"/sources/{slug}/").status_code == 404
    assert client.get(f"/api/sources/{slug}/").status_code == 404
    assert client.get("/feeds/tags/zzsecrettag/rss/").status_code == 404


def test_unpublished_claim_is_404_not_403_even_for_staff(client, world, editor):
    client.force_login(editor)
    claim = world.hidden["in_review"]
    assert client.get(claim.get_absolute_url()).status_code == 404


def test_retracted_claim_leaves_every_list_but_keeps_its_page(client, world):
    assert client.get(world.retracted.get_absolute_url()).status_code == 200
    detail = client.get(f"/api/claims/{world.retracted.pk}/")
    assert detail.status_code == 200
    assert detail.json()["status"] == "retracted"
    for url in [
        "/",
        "/claims/",
        "/timeline/",
        "/feeds/rss/",
        "/sitemap-claims.xml",
        "/api/claims/",
        "/api/claims/?q=zzretracted",
        f"/api/sources/{world.retracted.claimant.slug}/",
    ]:
        assert "zzretracted" not in client.get(url).content.decode(), url


def test_counts_ignore_unpublished_claims(client, world):
    home = client.get(reverse("claims:home"))
    assert home.context["total"] == 2
    assert client.get("/api/claims/").json()["count"] == 2
    source = client.get(world.published.claimant.get_absolute_url())
    assert source.context["total"] == 2
