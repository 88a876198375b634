"""The inlines' blank rows, the ones "Add another" copies, come after the claim
page (desk/admin/base.py, InlineAdminFormSet): the page holds each one's frame,
and the same page asked with ``?_blank_rows`` renders the blank rows alone,
under the same permissions and frozen rules. The browser half is in
test_browser_blank_rows.py."""

import re

import pytest
from django.urls import reverse

from claims.models import Evidence
from tests.desk.test_admin import change_url, claim_form_data
from tests.factories import ClaimFactory, EvidenceFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

INLINES = ["translations", "dates", "appearances", "evidence", "notes"]


def blank_row(html, prefix):
    """The element ``<prefix>-empty`` of a page, from its opening tag to the
    next inline row or group (enough to see which fields it holds)."""
    match = re.search(
        rf'<(?:div|tr) [^>]*id="{prefix}-empty".*?(?=id="[a-z]+-(?:group|\d+)"|\Z)',
        html,
        re.S,
    )
    assert match, f"no {prefix}-empty on the page"
    return match.group(0)


def field_names(html, prefix):
    return set(re.findall(rf'name="{prefix}-__prefix__-([a-z_]+)"', html))


def test_the_page_holds_frames_and_the_blank_rows_come_on_request(client, editor):
    claim = ClaimFactory(researching=True)
    EvidenceFactory(claim=claim, url="https://example.org/saved-evidence")
    client.force_login(editor)

    page = client.get(change_url(claim)).text
    blank = client.get(change_url(claim), {"_blank_rows": "1"})

    assert blank.status_code == 200
    for prefix in INLINES:
        frame = blank_row(page, prefix)
        # The frame: its id and classes, and the hidden fields only.
        assert "empty-form" in frame
        assert field_names(frame, prefix) <= {"id", "claim"}
        row = blank_row(blank.text, prefix)
        assert field_names(row, prefix) - {"id", "claim"}, prefix
        # The row points at this claim, as the page's own rows do.
        assert f'name="{prefix}-__prefix__-claim" value="{claim.pk}"' in row
    assert {"url", "stance", "excerpt", "document", "source"} <= field_names(
        blank_row(blank.text, "evidence"), "evidence"
    )
    assert "desk/blank_rows.js" in page
    # The blank rows alone: not the claim's form, its saved rows or its history.
    assert "https://example.org/saved-evidence" in page
    assert "https://example.org/saved-evidence" not in blank.text
    assert 'name="statement"' not in blank.text
    assert "evidence-0" not in blank.text


def test_the_blank_rows_follow_the_claims_frozen_rules(client, editor):
    claim = ClaimFactory(published=True)
    client.force_login(editor)

    page = client.get(change_url(claim)).text
    blank = client.get(change_url(claim), {"_blank_rows": "1"}).text

    for prefix in INLINES:
        # Where the page offers no blank row, none is sent; where it does, both.
        assert (f'id="{prefix}-empty"' in page) == (f'id="{prefix}-empty"' in blank)
    # A published claim may gain a later sighting, never a changed date.
    assert 'id="appearances-empty"' in blank
    assert "quote" in field_names(blank_row(blank, "appearances"), "appearances")


def test_the_add_page_has_blank_rows_too(client, editor):
    client.force_login(editor)
    url = reverse("admin:claims_claim_add")

    page = client.get(url).text
    blank = client.get(url, {"_blank_rows": "1"}).text

    assert field_names(blank_row(page, "evidence"), "evidence") <= {"id", "claim"}
    assert "url" in field_names(blank_row(blank, "evidence"), "evidence")


def test_the_blank_rows_ask_the_pages_permissions(client):
    claim = ClaimFactory(researching=True)
    url = change_url(claim)

    anonymous = client.get(url, {"_blank_rows": "1"})
    assert anonymous.status_code == 302
    assert "/admin/login/" in anonymous["Location"]

    client.force_login(UserFactory(username="visitor", is_staff=True))
    assert client.get(url, {"_blank_rows": "1"}).status_code == 403


def test_a_save_posted_with_the_parameter_is_a_save(client, editor):
    claim = ClaimFactory(researching=True)
    client.force_login(editor)
    data = claim_form_data(claim)
    data.update(
        {
            "evidence-TOTAL_FORMS": 1,
            "evidence-0-stance": "supports",
            "evidence-0-url": "https://example.org/posted",
        }
    )

    response = client.post(f"{change_url(claim)}?_blank_rows=1", data)

    assert response.status_code == 302
    assert Evidence.objects.filter(
        claim=claim, url="https://example.org/posted"
    ).exists()


def test_every_desk_page_with_inlines_works_the_same_way(client, editor):
    """The source page's aliases: the same frame, the same blank row on request."""
    source = SourceFactory(name="Kementerian Luar Negeri")
    client.force_login(editor)
    url = reverse("admin:claims_source_change", args=[source.pk])

    page = client.get(url).text
    blank = client.get(url, {"_blank_rows": "1"}).text

    prefix = re.search(r'id="([a-z_]+)-empty"', page).group(1)
    assert field_names(blank_row(page, prefix), prefix) <= {"id", "source"}
    assert field_names(blank_row(blank, prefix), prefix) - {"id", "source"}
    assert "Kementerian Luar Negeri" not in blank


@pytest.mark.parametrize(
    "path, query",
    [
        ("abc", "_blank_rows=1"),
        ("99999999999999999999", "_blank_rows=1"),
        ("0", "_blank_rows=1"),
        (None, "_blank_rows=%00"),
        (None, "_blank_rows=<script>alert(1)</script>"),
        (None, "_blank_rows=" + "x" * 20000),
        (None, "_blank_rows=1&_popup=1&_to_field=%00"),
    ],
)
def test_hostile_blank_row_requests_get_an_answer_not_a_500(
    client, editor, path, query
):
    claim = ClaimFactory(researching=True)
    client.force_login(editor)
    url = f"/admin/claims/claim/{path or claim.pk}/change/?{query}"

    response = client.get(url)

    assert response.status_code in (200, 302, 400, 404), response.status_code
    assert b"<script>alert(1)" not in response.content
