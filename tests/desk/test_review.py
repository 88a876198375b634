"""The review history's own admin pages (desk/admin/review.py)."""

import re

import pytest
from django.urls import reverse

from claims import services
from claims.models import ReviewEvent
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def cells(html, column):
    """The text of each cell of a changelist or inline column."""
    pattern = rf'<td class="field-{column}[^"]*">(.*?)</td>'
    found = re.findall(pattern, html, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in found]


def test_history_list_shows_labels_not_codes(client, editor):
    claim = ClaimFactory(ready=True)
    services.claim_submit(claim=claim, by=editor)
    client.force_login(editor)

    response = client.get(reverse("admin:claims_reviewevent_changelist"))

    assert response.status_code == 200
    assert cells(response.text, "action") == ["Submitted for review"]
    assert cells(response.text, "from_status") == ["Researching"]
    assert cells(response.text, "to_status") == ["In review"]
    assert cells(response.text, "what_happened") == [
        "ed submitted it for review. Status: Researching → In review."
    ]


def test_history_list_filters_by_action_label(client, editor):
    claim = ClaimFactory(ready=True)
    services.claim_submit(claim=claim, by=editor)
    services.claim_send_back(claim=claim, by=editor, comment="Weak sourcing.")
    client.force_login(editor)
    url = reverse("admin:claims_reviewevent_changelist")

    page = client.get(url).text
    filtered = client.get(url, {"action__exact": ReviewEvent.Action.SENT_BACK}).text

    assert "Sent back for changes</a>" in page  # the filter offers the label
    assert cells(filtered, "action") == ["Sent back for changes"]
