"""Every surface that shows what people typed, filled with XSS payloads: nothing of
it may execute. "Executable" is decided by parsing (``tests.xss``): event-handler
attributes, scripts that are not ours, javascript:/data:/vbscript: links, frames
and objects. Feeds are parsed as XML and each description read as the HTML a feed
reader makes of it; the API's ``*_html`` fields likewise."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit

import lxml.etree
import lxml.html
import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from claims import services
from claims.models import Claim, Document, Evidence, Rating, Source
from tests.factories import (
    AppearanceFactory,
    ClaimDateFactory,
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
    NoteFactory,
    SourceAliasFactory,
    SourceFactory,
    UserFactory,
)
from tests.readers import ATOM, SITEMAP, claim_review
from tests.xss import dangerous_url, executable

CORPUS = Path(__file__).resolve().parent.parent / "data" / "xss_payloads.txt"
PAYLOADS = [
    line
    for line in CORPUS.read_text(encoding="utf-8").split("\n")
    if line and not line.startswith("# ")
]


def test_the_corpus_is_big_and_the_detector_bites():
    assert len(PAYLOADS) >= 50
    assert len(set(PAYLOADS)) == len(PAYLOADS)
    # Left unescaped, most of the corpus runs: the checks below can fail.
    assert sum(bool(executable(f"<p>{p}</p>")) for p in PAYLOADS) >= 30
    assert sum(dangerous_url(p) for p in PAYLOADS) >= 8
    assert executable('<a href="&#106;avascript:alert(1)">x</a>')
    assert executable('<script type="application/ld+json">{"a": "</script>')
    assert not executable('<script type="application/ld+json">{"a": "b"}</script>')


def build(editor, payloads=PAYLOADS):
    """One published, then corrected, claim per payload, with the payload in every
    field a person types: statement, attribution, verdict summary and label,
    claimant and outlet names, aliases and homepages, the document's title, text,
    authors and URLs, the quote, a date label, evidence excerpts and URLs, a
    public note, a tag and the correction note."""
    claims = []
    for i, payload in enumerate(payloads):
        claimant = SourceFactory(
            name=payload, kind=Source.Kind.PERSON, homepage=payload
        )
        SourceAliasFactory(source=claimant, name=payload)
        outlet = SourceFactory(name=payload, kind=Source.Kind.OUTLET, homepage=payload)
        verdict = Rating.objects.create(
            label=payload, slug=f"xss-{i}", description=payload, order=100 + i
        )
        document = DocumentFactory(
            title=payload,
            url=payload,
            archive_url=payload,
            authors=payload,
            text=f"Before. {payload} After.",
            publisher=outlet,
        )
        claim = ClaimFactory(
            published=True,
            statement=payload,
            attribution=payload,
            claimant=claimant,
            verdict=verdict,
            verdict_summary=payload,
            tags=[payload],
        )
        AppearanceFactory(claim=claim, document=document, quote=payload)
        ClaimDateFactory(claim=claim, label=payload)
        EvidenceFactory(claim=claim, url=payload, archive_url=payload, excerpt=payload)
        EvidenceFactory(
            claim=claim,
            url="",
            document=document,
            source=outlet,
            excerpt=payload,
            stance=Evidence.Stance.SUPPORTS,
        )
        NoteFactory(claim=claim, body=payload, is_public=True)
        claim.refresh_from_db()
        services.claim_correct(
            claim=claim,
            by=editor,
            note=payload,
            expected_version=claim.version,
            summary=f"{payload} (corrected)",
        )
        claims.append(Claim.objects.get(pk=claim.pk))
    return claims


class Surfaces:
    """What the crawl saw: per surface, how many payloads it carried, and each
    executable part found."""

    def __init__(self):
        self.seen: Counter[str] = Counter()
        self.survivors: list[str] = []

    def html(self, surface, response, payloads=1):
        assert response.status_code == 200, (surface, response.status_code)
        found = executable(response.content.decode())
        self.survivors += [f"{surface}: {f}" for f in found]
        self.seen[surface] += payloads
        return lxml.html.document_fromstring(response.content.decode())

    def fragment(self, surface, html):
        self.survivors += [f"{surface}: {f}" for f in executable(html)]

    def paged(self, surface, client, url, payloads):
        """Every page of a paginated list, by its rel=next links."""
        pages = 0
        while url:
            root = self.html(surface, client.get(url), payloads=0)
            pages += 1
            following = root.xpath("//a[@rel='next']/@href")
            url = (urlsplit(url).path + following[0]) if following else None
        self.seen[surface] += payloads
        return pages


@pytest.fixture(scope="module")
def payload_claims(django_db_setup, django_db_blocker):
    """Built once for the module (it takes a while), rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        editor = UserFactory(username="xss-editor", groups=["Editors"])
        yield build(editor)
        transaction.set_rollback(True)


@pytest.fixture
def crawl():
    return Surfaces()


#: the pages that differ per payload only in a heading are crawled for a sample
SAMPLE = slice(None, None, 7)


def test_public_pages_run_no_payload(db, client, payload_claims, crawl):
    claims = payload_claims
    n = len(claims)
    crawl.html("home", client.get("/"), n)
    crawl.paged("claim list", client, "/claims/", n)
    crawl.paged("timeline", client, "/timeline/", n)
    crawl.paged("corrections page", client, "/corrections/", n)
    for claim, payload in zip(claims, PAYLOADS, strict=True):
        root = crawl.html("claim page", client.get(claim.get_absolute_url()))
        # escaped, not dropped: the reader sees what was typed, as text
        heading = " ".join(root.xpath("string(//h1)").split())
        assert " ".join(payload.split()) in heading
        review = claim_review(client, claim)
        assert review["claimReviewed"] == payload
        for url in _urls_in(review):
            assert not dangerous_url(url), url
        crawl.html(
            "source page (claimant)", client.get(claim.claimant.get_absolute_url())
        )
        publisher = claim.appearances.get().document.publisher
        crawl.html("source page (outlet)", client.get(publisher.get_absolute_url()))
        crawl.html("search", client.get(f"/claims/?q={quote(payload)}"))
    for claim in claims[SAMPLE]:
        crawl.html("topic filter", client.get(f"/claims/?tag={claim.tags.get().slug}"))
    assert not crawl.survivors, "\n".join(crawl.survivors)
    print(f"\n{len(PAYLOADS)} payloads, public pages: {dict(crawl.seen)}")


def _urls_in(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in {"url", "sameAs", "archivedAt", "@id"} and isinstance(value, str):
                yield value
            else:
                yield from _urls_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from _urls_in(value)


def _feed_texts(body):
    """Each piece of a feed a reader shows as HTML (descriptions, Atom content
    and summaries: one XML unescape, done by the parser), and each link."""
    root = lxml.etree.fromstring(body)
    html = root.xpath("//item/description/text()") + [
        e.text or ""
        for e in root.iter(f"{ATOM}content", f"{ATOM}summary")
        if e.get("type") == "html"
    ]
    links = root.xpath("//item/link/text()") + [
        e.get("href", "") for e in root.iter(f"{ATOM}link")
    ]
    return html, links


def test_feeds_and_sitemaps_run_no_payload(db, client, payload_claims, crawl):
    claims = payload_claims
    n = len(claims)
    # the main feeds hold the latest 30 entries; each topic feed holds its claim's
    feeds = [
        ("RSS", "/feeds/rss/"),
        ("Atom", "/feeds/atom/"),
        ("corrections feed", "/corrections/feed/"),
        *(
            (f"topic feed ({kind})", f"/feeds/tags/{claim.tags.get().slug}/{kind}/")
            for claim in claims
            for kind in ("rss", "atom")
        ),
    ]
    texts = []
    for surface, url in feeds:
        response = client.get(url)
        assert response.status_code == 200, url
        html, links = _feed_texts(response.content)
        assert html, url
        texts += html
        for text in html:
            crawl.fragment(surface, text)
        crawl.survivors += [f"{surface}: link {u}" for u in links if dangerous_url(u)]
        crawl.seen[surface] += 1 if surface.startswith("topic") else 30
    # what was typed reaches the reader as text: escaped once more inside the HTML
    assert any("Claimed by &lt;img src=x onerror=alert(1)&gt;" in t for t in texts)
    index = lxml.etree.fromstring(client.get("/sitemap.xml").content)
    for loc in index.iter(f"{SITEMAP}loc"):
        section = client.get(urlsplit(loc.text).path)
        assert section.status_code == 200
        for url in lxml.etree.fromstring(section.content).iter(f"{SITEMAP}loc"):
            if dangerous_url(url.text or ""):
                crawl.survivors.append(f"sitemap: {url.text}")
    crawl.seen["sitemap"] += n
    assert not crawl.survivors, "\n".join(crawl.survivors)
    print(f"\n{len(PAYLOADS)} payloads, feeds: {dict(crawl.seen)}")


def _html_fields(data, path=""):
    if isinstance(data, dict):
        for key, value in data.items():
            if key.endswith("_html") or key == "html":
                yield f"{path}.{key}", value
            else:
                yield from _html_fields(value, f"{path}.{key}")
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _html_fields(value, f"{path}[{i}]")


def test_api_html_fields_run_no_payload(db, client, payload_claims, crawl):
    claims = payload_claims
    fields = 0
    url = "/api/claims/?page_size=100"
    while url:
        data = client.get(url).json()
        for path, html in _html_fields(data["results"]):
            fields += 1
            crawl.fragment(f"API list {path}", html)
        url = data["next"]
    crawl.seen["API list"] += len(claims)
    for claim in claims:
        response = client.get(f"/api/claims/{claim.pk}/")
        assert response.status_code == 200
        data = response.json()
        html = dict(_html_fields(data))
        assert html, data.keys()
        for path, text in html.items():
            fields += 1
            crawl.fragment(f"API detail {path}", text)
        crawl.seen["API detail (*_html)"] += 1
        source = client.get(f"/api/sources/{claim.claimant.slug}/")
        assert source.status_code == 200
        json.dumps(source.json())
    assert fields >= 2 * len(claims)
    assert not crawl.survivors, "\n".join(crawl.survivors)
    print(f"\n{len(PAYLOADS)} payloads, API: {dict(crawl.seen)}, {fields} html fields")


def test_admin_pages_run_no_payload(db, client, payload_claims, crawl):
    claims = payload_claims
    client.force_login(User.objects.get(username="xss-editor"))
    n = len(claims)
    crawl.paged("admin claim changelist", client, "/admin/claims/claim/", n)
    crawl.paged("admin source changelist", client, "/admin/claims/source/", n)
    crawl.paged("admin document changelist", client, "/admin/claims/document/", n)
    for claim in claims:
        crawl.html(
            "admin claim change page",
            client.get(f"/admin/claims/claim/{claim.pk}/change/"),
        )
    for claim in claims[SAMPLE]:
        document = claim.appearances.get().document
        crawl.html(
            "admin document change page",
            client.get(f"/admin/claims/document/{document.pk}/change/"),
        )
        crawl.html(
            "admin claim correction mode",
            client.get(f"/admin/claims/claim/{claim.pk}/change/?correction=1"),
        )
        crawl.html(
            "admin source change page",
            client.get(f"/admin/claims/source/{claim.claimant.pk}/change/"),
        )
    search = client.get("/admin/claims/claim/", {"q": PAYLOADS[4]})
    crawl.html("admin claim search", search)
    assert not crawl.survivors, "\n".join(crawl.survivors)
    print(f"\n{len(PAYLOADS)} payloads, admin: {dict(crawl.seen)}")


def test_an_imported_publisher_name_runs_nowhere(client, fact_checker, editor):
    """The attack as reported: a publisher typed on the import screen."""
    from tests.ingest.test_admin import review_data

    payload = "<img src=x onerror=alert(1)>"
    client.force_login(fact_checker)
    text = (
        "Jakarta, 11 June 2025. The minister said unemployment fell to 5.2 "
        "percent in 2019, according to the statistics office."
    )
    response = client.post(
        "/admin/import/", {"text": text, "publisher": payload, "language": "en"}
    )
    assert response.status_code == 200
    assert not executable(response.content.decode())
    data = review_data(response, lambda i, row: row.update(accept=True))
    response = client.post("/admin/import/", data, follow=True)
    assert response.status_code == 200
    assert not executable(response.content.decode())
    document = Document.objects.latest("pk")  # the module's payload claims exist too
    outlet = document.publisher
    assert outlet.name == payload
    response = client.get(f"/admin/claims/source/{outlet.pk}/change/")
    assert not executable(response.content.decode())
    claim = document.appearances.first().claim
    claim.status, claim.published_at = "published", timezone.now()
    claim.revised_at = claim.published_at
    claim.save()
    for url in (outlet.get_absolute_url(), claim.get_absolute_url(), "/feeds/rss/"):
        response = client.get(url)
        assert response.status_code == 200
        assert payload not in response.content.decode()
        if url.startswith("/feeds/"):
            for html in _feed_texts(response.content)[0]:
                assert not executable(html)
        else:
            assert not executable(response.content.decode())
