"""The demo's published claims carry complete ClaimReview: ``itemReviewed`` is dated
by the claim's own date or, failing that, its first appearance's publication."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from claims.models import Claim


@pytest.mark.django_db
def test_every_published_demo_claim_is_dated_by_its_claim_or_first_appearance(
    client,
):
    call_command("load_demo", "--force", stdout=StringIO())
    published = list(Claim.objects.published())
    assert len(published) == 7
    undated = [c for c in published if c.made is None]
    assert len(undated) == 6  # the fallback is what dates most of them
    for claim in published:
        page = client.get(claim.get_absolute_url())
        assert page.status_code == 200
        item = page.context["jsonld"]["itemReviewed"]
        first = claim.first_appearance()
        assert first is not None and first.document.published_on is not None
        expected = (
            claim.made.iso() if claim.made else first.document.published_on.isoformat()
        )
        assert item["datePublished"] == expected, claim.statement
        assert item["firstAppearance"]["datePublished"] == "2025-06-12"
    # the feed says the same as the pages
    out = StringIO()
    call_command("export_claimreview", stdout=out)
    feed = json.loads(out.getvalue())
    dates = {
        e["item"][0]["claimReviewed"]: e["item"][0]["itemReviewed"]["datePublished"]
        for e in feed["dataFeedElement"]
    }
    assert dates.get(undated[0].statement) == "2025-06-12"
