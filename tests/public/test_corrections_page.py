"""Corrections and retractions as readers see them: the claim page, the
corrections log and its feed, the ClaimReview JSON-LD."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from claims import services
from tests.factories import ClaimFactory, rating

pytestmark = pytest.mark.django_db


def corrected(editor, **kwargs):
    claim = ClaimFactory(published=True, statement="Unemployment fell to 5.2%.")
    correction = services.claim_correct(
        claim=claim,
        by=editor,
        note="We misquoted the <figure>.",
        expected_version=claim.version,
        fields={"statement": "Unemployment fell to 5.4%."},
        verdict=rating("mostly-false"),
    )
    return claim, correction


def test_claim_page_shows_the_correction_first_with_what_changed(client, editor):
    claim, correction = corrected(editor)
    html = client.get(claim.get_absolute_url()).text
    # Right under the statement's verdict (which a phone shows on its first
    # screen), before the facts and the write-up.
    verdict = html.index('id="verdict-heading"')
    corrections = html.index('id="corrections-heading"')
    assert verdict < corrections < html.index('class="claim__side"')
    assert f'id="correction-{correction.pk}"' in html
    assert "We misquoted the &lt;figure&gt;." in html  # escaped
    assert (
        "<del>Unemployment fell to 5.2%.</del> → <ins>Unemployment fell to 5.4%.</ins>"
        in html
    )


def test_retracted_page_shows_reason_date_and_withdrawn_verdict(client, editor):
    claim = ClaimFactory(published=True)
    services.claim_retract(
        claim=claim, by=editor, comment="We checked the wrong speech."
    )
    html = client.get(claim.get_absolute_url()).text
    assert "We checked the wrong speech." in html
    assert "Retracted on" in html
    assert "Withdrawn: previously rated False" in html


def test_corrections_log_lists_public_corrections_only(client, editor):
    corrected(editor)
    hidden = ClaimFactory(published=True, statement="Later archived? no: a draft.")
    services.claim_correct(
        claim=hidden, by=editor, note="Secret fix.", expected_version=hidden.version
    )
    hidden.status = "researching"  # as if back in the desk (a bypass, for the test)
    type(hidden).objects.filter(pk=hidden.pk).update(status="researching")
    html = client.get(reverse("claims:correction-list")).text
    assert "We misquoted the &lt;figure&gt;." in html
    assert "Secret fix." not in html
    assert reverse("claims:correction-list") in client.get("/").text  # footer


def test_corrections_feed_has_an_item_per_correction(client, editor):
    claim, correction = corrected(editor)
    xml = client.get(reverse("claims:corrections-feed")).text
    assert f"{claim.get_absolute_url()}#correction-{correction.pk}</guid>" in xml
    # A reader unescapes the XML once and shows HTML: the note's "<figure>" must
    # still be escaped then, text rather than markup.
    [item] = ET.fromstring(xml).find("channel").findall("item")
    assert "We misquoted the &lt;figure&gt;." in item.findtext("description")


def test_jsonld_carries_the_correction_and_its_date(client, editor):
    claim, correction = corrected(editor)
    html = client.get(claim.get_absolute_url()).text
    script = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    data = json.loads(script.group(1))
    assert data["dateModified"] == correction.created_at.isoformat()
    [comment] = data["correction"]
    assert comment["@type"] == "CorrectionComment"
    assert comment["text"] == "We misquoted the <figure>."
