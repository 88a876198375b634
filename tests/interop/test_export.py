"""export_claimreview and /claimreview.json: the claim pages' own ClaimReviews."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from claims import services
from claims.models import Claim


def export(*args):
    out = StringIO()
    call_command("export_claimreview", *args, stdout=out)
    return json.loads(out.getvalue())


def reviews(feed):
    return [item["item"][0] for item in feed["dataFeedElement"]]


def test_feed_holds_each_published_claim_as_its_page_embeds_it(client, world):
    feed = export()
    assert feed["@type"] == "DataFeed"
    by_url = {r["url"]: r for r in reviews(feed)}
    for claim in (world.published, world.corrected):
        page = client.get(claim.get_absolute_url()).context["jsonld"]
        assert by_url[page["url"]] == json.loads(json.dumps(page))
    assert len(by_url) == 2  # nothing retracted, archived or unpublished


def test_feed_leaks_nothing_unpublished(world):
    text = json.dumps(export())
    for secret in world.secrets:
        assert secret not in text


def test_correction_shows_in_date_modified_and_since(world, editor):
    claim = Claim.objects.get(pk=world.published.pk)
    services.claim_correct(
        claim=claim,
        by=editor,
        expected_version=claim.version,
        note="The date was wrong.",
        fields={"verdict_summary": "Corrected write-up."},
    )
    claim.refresh_from_db()
    review = next(r for r in reviews(export()) if r["claimReviewed"] == claim.statement)
    assert review["dateModified"] == claim.revised_at.isoformat()
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert reviews(export("--since", tomorrow)) == []
    today = timezone.localdate().isoformat()
    assert [r["claimReviewed"] for r in reviews(export("--since", today))] == [
        claim.statement
    ]


def test_out_file_and_bad_since(world, tmp_path):
    out = tmp_path / "feed.json"
    call_command("export_claimreview", "--out", str(out))
    assert len(json.loads(out.read_text("utf-8"))["dataFeedElement"]) == 2
    with pytest.raises(CommandError, match="not a date"):
        call_command("export_claimreview", "--since", "last tuesday")


def test_public_url_streams_the_same_feed_cacheably(client, world):
    response = client.get("/claimreview.json")
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("application/ld+json")
    assert "public" in response["Cache-Control"]
    feed = json.loads(b"".join(response.streaming_content))
    assert reviews(feed) == reviews(export())
    assert client.get("/claimreview.json?since=nonsense").status_code == 400
    assert client.post("/claimreview.json").status_code == 405


def test_feed_queries_do_not_grow_with_claims(
    client, world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        b"".join(client.get("/claimreview.json").streaming_content)


def test_every_published_demo_claim_has_item_reviewed_date(db):
    call_command("load_demo", "--force", stdout=StringIO())
    found = reviews(export())
    assert len(found) == 7
    assert all(r["itemReviewed"].get("datePublished") for r in found)
