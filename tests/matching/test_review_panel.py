"""Possible duplicates on the article import's review screen: for each suggested
candidate, the existing claims that may state it, with a score and why."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from claims import services
from claims.models import Document
from tests.factories import SourceFactory
from tests.ingest.test_admin import upload

pytestmark = pytest.mark.django_db


def candidate_rows(html):
    return re.findall(r'<tr class="[^"]*" data-candidate="\d+">.*?</tr>', html, re.S)


def test_the_review_lists_an_existing_claim_the_article_repeats(client, fact_checker):
    trump = SourceFactory(name="Donald Trump")
    english = services.claim_create(
        by=None,
        statement="North Korea refused to accept a letter from President Donald Trump.",
        language="en",
        claimant=trump,
    )
    unrelated = services.claim_create(
        by=None, statement="Marijuana is less toxic than alcohol.", language="en"
    )
    call_command("embed_claims", stdout=StringIO())
    client.force_login(fact_checker)

    response = upload(client)

    assert response.status_code == 200
    assert not Document.objects.exists()  # the review saves nothing
    html = response.content.decode()
    assert "Possible duplicates" in html
    rows = [r for r in candidate_rows(html) if "ingest-duplicates" in r]
    assert rows, "no candidate shows a possible duplicate"
    letter = [r for r in rows if f"/admin/claims/claim/{english.pk}/change/" in r]
    assert letter, "the Indonesian letter claim does not point at the English one"
    panel = letter[0][letter[0].index("ingest-duplicates") :]
    assert re.search(r"\d+%", panel)  # the score
    assert "cross-language (id → en)" in panel  # and why
    assert f"/admin/claims/claim/{unrelated.pk}/change/" not in html


def test_the_review_works_when_nothing_is_embedded(client, fact_checker):
    services.claim_create(by=None, statement="Something else entirely.")
    client.force_login(fact_checker)
    response = upload(client)
    assert response.status_code == 200
    assert "ingest-duplicates" not in response.content.decode()
