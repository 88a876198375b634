"""Archived sources, documents, evidence and notes leave the public site: pages,
sitemap, API and JSON-LD; restored, they come back."""

import json
import math

import pytest
from django.urls import reverse

from claims import services
from claims.models import Note
from public.sitemaps import BlockSection
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
    NoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def sources_sitemap(source):
    """The sources sitemap page that holds ``source``: pages are blocks of 2,000
    ids, and on PostgreSQL ids keep counting across tests."""
    return f"/sitemap-sources.xml?p={math.ceil(source.pk / BlockSection.block)}"


def api(client, url):
    response = client.get(url, headers={"Accept": "application/json"})
    assert response.status_code == 200
    return response.json()


def test_archived_source_is_gone_and_restore_brings_it_back(client, editor):
    source = SourceFactory(name="Zzgone Ministry")
    services.source_archive(source=source, by=editor)  # nothing public shows it yet
    claim = ClaimFactory(published=True, claimant=source)  # then named on a claim
    page = source.get_absolute_url()

    assert client.get(page).status_code == 404
    assert client.get(f"/api/sources/{source.slug}/").status_code == 404
    assert "Zzgone" not in json.dumps(api(client, "/api/sources/"))
    assert source.slug not in client.get(sources_sitemap(source)).content.decode()
    # Cards name it unlinked; the claimant filter no longer offers it.
    listing = client.get(reverse("claims:claim-list"))
    assert "Zzgone Ministry" in listing.content.decode()
    assert f'href="{page}"' not in listing.content.decode()
    choices = listing.context["filter"].form.fields["claimant"].queryset
    assert source not in choices

    # The claim still names its claimant, without a link to the 404.
    body = client.get(claim.get_absolute_url()).content.decode()
    assert "Zzgone Ministry" in body
    assert f'href="{page}"' not in body
    detail = api(client, f"/api/claims/{claim.pk}/")
    assert detail["claimant"]["name"] == "Zzgone Ministry"
    assert detail["claimant"]["url"] is None and detail["claimant"]["api_url"] is None
    jsonld = client.get(claim.get_absolute_url()).context["jsonld"]
    assert "url" not in jsonld["itemReviewed"]["author"]

    services.source_restore(source=source, by=editor)
    assert client.get(page).status_code == 200
    assert source.slug in client.get(sources_sitemap(source)).content.decode()
    assert f'href="{page}"' in client.get(claim.get_absolute_url()).content.decode()


def test_archived_document_is_gone_from_claim_page_api_and_jsonld(client, editor):
    outlet = SourceFactory(name="Zzoutlet Daily")
    quoted = DocumentFactory(title="Zzquoted article", publisher=outlet)
    cited = DocumentFactory(title="Zzcited report", publisher=None)
    for document in (quoted, cited):
        services.document_archive(document=document, by=editor)
    claim = ClaimFactory(published=True)
    AppearanceFactory(claim=claim, document=quoted)
    EvidenceFactory(claim=claim, url="", document=cited, excerpt="Zzcited excerpt")

    response = client.get(claim.get_absolute_url())
    body = response.content.decode()
    assert "Zzquoted" not in body and "Zzcited" not in body
    assert "Zzquoted" not in json.dumps(response.context["jsonld"])
    detail = json.dumps(api(client, f"/api/claims/{claim.pk}/"))
    assert "Zzquoted" not in detail and "Zzcited" not in detail
    # Its publisher was public only through it.
    assert client.get(outlet.get_absolute_url()).status_code == 404

    services.document_restore(document=quoted, by=editor)
    services.document_restore(document=cited, by=editor)
    body = client.get(claim.get_absolute_url()).content.decode()
    assert "Zzquoted article" in body and "Zzcited report" in body
    assert client.get(outlet.get_absolute_url()).status_code == 200


def test_archived_evidence_and_notes_never_show(client, editor):
    claim = ClaimFactory(published=True)
    EvidenceFactory(claim=claim, excerpt="Zzarchived evidence", is_archived=True)
    NoteFactory(claim=claim, is_public=True, body="Zzkept note")
    note = NoteFactory(claim=claim, is_public=True, body="Zzarchived note")
    Note.objects.filter(pk=note.pk).update(is_archived=True)

    body = client.get(claim.get_absolute_url()).content.decode()
    assert "Zzkept note" in body
    assert "Zzarchived" not in body
    detail = json.dumps(api(client, f"/api/claims/{claim.pk}/"))
    assert "Zzkept note" in detail and "Zzarchived" not in detail


def test_evidence_archived_by_a_correction_leaves_the_page(client, editor):
    claim = ClaimFactory(published=True)
    evidence = EvidenceFactory(claim=claim, excerpt="Zzwrong year table")
    assert "Zzwrong" in client.get(claim.get_absolute_url()).content.decode()
    services.claim_correct(
        claim=claim,
        by=editor,
        note="That table was for the wrong year.",
        expected_version=claim.version,
        deleted=[evidence],
    )
    body = client.get(claim.get_absolute_url()).content.decode()
    assert "Zzwrong" not in body
    assert "That table was for the wrong year." in body
