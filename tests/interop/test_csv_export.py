"""The claims list's CSV: the selection (an action) or the filtered list (a link)."""

import csv
import io

from django.urls import reverse

from tests.factories import ClaimFactory

CHANGELIST = reverse("admin:claims_claim_changelist")
EXPORT = reverse("admin:claims_claim_export_csv")


def rows(response):
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_link_downloads_the_filtered_list(client, editor, world):
    client.force_login(editor)
    page = client.get(CHANGELIST, {"status__exact": "published"})
    assert "Download CSV of this list" in page.content.decode()
    assert f"{EXPORT}?status__exact=published" in page.content.decode()
    table = rows(client.get(EXPORT, {"status__exact": "published"}))
    header, body = table[0], table[1:]
    assert header[:4] == ["id", "URL", "statement", "claimant"]
    assert "first appearance" in header and "last corrected" in header
    ids = {int(r[0]) for r in body}
    assert world.published.pk in ids and world.corrected.pk not in ids
    row = next(r for r in body if int(r[0]) == world.published.pk)
    assert row[2] == world.published.statement
    assert row[3] == "Donald Trump"
    assert row[6] == "Mostly true"
    assert "diplomacy" in row[9] and "north korea" in row[9]
    assert (
        row[10]
        == "https://www.tribunnews.com/internasional/2025/06/11/korut-tolak-surat"
    )
    assert row[11] == "2025-06-11"


def test_search_applies_and_bad_filters_do_not_500(client, editor, world):
    client.force_login(editor)
    table = rows(client.get(EXPORT, {"q": "Panmunjom"}))
    assert [int(r[0]) for r in table[1:]] == [world.corrected.pk]
    assert rows(client.get(EXPORT, {"status__exact": "published"}))  # sanity
    response = client.get(EXPORT, {"nonsense__lookup": "1"})
    assert response.status_code == 302


def test_action_exports_the_selection_formula_safe(client, editor, db):
    client.force_login(editor)
    evil = ClaimFactory(statement='=HYPERLINK("http://x")', verdict_summary="+1")
    other = ClaimFactory(statement="@SUM(A1)")
    ClaimFactory(statement="Not selected")
    response = client.post(
        CHANGELIST,
        {"action": "export_csv", "_selected_action": [evil.pk, other.pk]},
    )
    body = rows(response)[1:]
    assert [int(r[0]) for r in body] == [evil.pk, other.pk]
    assert body[0][2] == '\'=HYPERLINK("http://x")'
    assert body[0][7] == "'+1"
    assert body[1][2] == "'@SUM(A1)"


def test_csv_needs_the_desk(client, db):
    response = client.get(EXPORT)
    assert response.status_code == 302 and "login" in response["Location"]
