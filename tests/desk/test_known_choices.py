"""The claim page's autocomplete boxes name the chosen claimant, tags, documents and
sources from the rows the page loaded (desk/widgets.py), and ask the database only
for an id they were not given."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.desk.test_admin import change_url, claim_form_data
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def _selected(html: str, name: str) -> list[str]:
    """The labels of the chosen options of the box called ``name``."""
    box = re.search(rf'<select name="{re.escape(name)}".*?</select>', html, re.S)
    assert box, f"no box {name}"
    return re.findall(r"<option [^>]*selected>([^<]*)</option>", box.group(0))


def _page(client, claim):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(change_url(claim))
    assert response.status_code == 200
    return response.text, len(queries)


def test_the_chosen_rows_are_named(client, editor):
    claim = ClaimFactory(
        claimant=SourceFactory(name="Retno Marsudi"), tags=["diplomacy", "asean"]
    )
    AppearanceFactory(claim=claim, document=DocumentFactory(title="Kompas, 8 Aug"))
    EvidenceFactory(
        claim=claim,
        document=DocumentFactory(title="Kemlu statement"),
        source=SourceFactory(name="Kemlu RI"),
    )
    client.force_login(editor)

    html, _count = _page(client, claim)

    assert _selected(html, "claimant") == ["Retno Marsudi"]
    assert sorted(_selected(html, "tags")) == ["asean", "diplomacy"]
    assert _selected(html, "appearances-0-document") == ["Kompas, 8 Aug"]
    assert _selected(html, "evidence-0-document") == ["Kemlu statement"]
    assert _selected(html, "evidence-0-source") == ["Kemlu RI"]
    # the blank rows the page's script copies (sent after the page) choose nothing
    blank = client.get(change_url(claim), {"_blank_rows": "1"}).text
    assert _selected(blank, "evidence-__prefix__-document") == []
    assert _selected(blank, "evidence-__prefix__-source") == []


def test_more_evidence_costs_no_query_per_row(client, editor):
    claim = ClaimFactory(claimant=SourceFactory())
    EvidenceFactory(
        claim=claim, document=DocumentFactory(), source=SourceFactory(name="S0")
    )
    client.force_login(editor)
    _page(client, claim)  # caches warm
    _html, one = _page(client, claim)
    for i in range(1, 6):
        EvidenceFactory(
            claim=claim, document=DocumentFactory(), source=SourceFactory(name=f"S{i}")
        )

    html, six = _page(client, claim)

    assert six == one
    assert [_selected(html, f"evidence-{i}-source") for i in range(6)] == [
        [f"S{i}"] for i in range(6)
    ]


def test_a_claimant_posted_back_is_named_from_the_database(client, editor):
    """A refused save keeps what was typed: the newly chosen claimant, which the
    loaded claim does not know, is still named."""
    claim = ClaimFactory(claimant=SourceFactory(name="Old Claimant"))
    other = SourceFactory(name="New Claimant")
    client.force_login(editor)

    response = client.post(
        change_url(claim), claim_form_data(claim, claimant=other.pk, statement="")
    )

    assert response.status_code == 200  # the form again, with its error
    assert _selected(response.text, "claimant") == ["New Claimant"]
