"""The claim page's inlines (desk/admin/inlines.py), through the change form."""

import pytest

from claims import services
from tests.desk.test_admin import change_url
from tests.desk.test_review import cells
from tests.factories import ClaimFactory, EvidenceFactory, rating

pytestmark = pytest.mark.django_db


def test_history_inline_shows_action_and_status_labels(client, editor):
    claim = ClaimFactory(researching=True, verdict=rating(), verdict_summary="5.9.")
    EvidenceFactory(claim=claim)
    services.claim_submit(claim=claim, by=editor)
    services.claim_publish(claim=claim, by=editor)
    client.force_login(editor)

    text = client.get(change_url(claim)).text

    assert cells(text, "action") == ["Published", "Submitted for review"]
    assert cells(text, "from_status") == ["In review", "Researching"]
    assert cells(text, "to_status") == ["Published", "In review"]
    assert "claim.published" not in text
