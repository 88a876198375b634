"""The "possible duplicates" panel on the desk's claim page."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims import services
from claims.models import Claim
from tests.desk.test_admin import claim_form_data
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fc_client(client, fact_checker):
    client.force_login(fact_checker)
    return client


@pytest.fixture
def claims():
    trump = SourceFactory(name="Donald Trump")
    ours = services.claim_create(
        by=None,
        statement="North Korea refused to accept a letter from President Donald Trump.",
        language="en",
        claimant=trump,
    )
    imported = services.claim_create(
        by=None,
        statement="Korea Utara menolak menerima surat Presiden Donald Trump.",
        language="id",
        claimant=trump,
        origin=Claim.Origin.CLAIMREVIEW,
    )
    unrelated = services.claim_create(
        by=None, statement="Marijuana is less toxic than alcohol.", language="en"
    )
    call_command("embed_claims", stdout=StringIO())  # what the worker does
    return ours, imported, unrelated


def panel_url(claim):
    return reverse("admin:claims_claim_duplicates", args=[claim.pk])


def test_claim_page_has_the_panel_placeholder_and_its_script(fc_client, claims):
    ours = claims[0]
    page = fc_client.get(reverse("admin:claims_claim_change", args=[ours.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Possible duplicates" in html
    assert f'data-url="{panel_url(ours)}"' in html
    assert "desk/duplicates.js" in html


def test_add_page_has_no_panel(fc_client, claims):
    page = fc_client.get(reverse("admin:claims_claim_add"))
    assert page.status_code == 200
    assert "cd-duplicates" not in page.content.decode()


def test_panel_lists_the_translation_with_score_and_why(fc_client, claims):
    ours, imported, _unrelated = claims
    response = fc_client.get(panel_url(ours))
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("admin:claims_claim_change", args=[imported.pk]) in html
    assert "Korea Utara menolak" in html
    assert "cross-language (en → id)" in html
    assert "same claimant" in html
    assert "imported fact-check" in html
    assert "%" in html
    # the claim itself and an unrelated one are not offered
    assert f"#{ours.pk} " not in html
    assert "Marijuana" not in html


def test_panel_shows_shared_words_for_a_rewording(fc_client, claims):
    ours = claims[0]
    again = services.claim_create(
        by=None,
        statement="North Korea refused to accept President Trump's letter.",
        language="en",
    )
    call_command("embed_claims", stdout=StringIO())
    html = fc_client.get(panel_url(again)).content.decode()
    assert f"#{ours.pk} " in html
    assert "shared words: North, Korea, refused, accept" in html


def test_panel_without_candidates_says_so(fc_client, claims):
    html = fc_client.get(panel_url(claims[2])).content.decode()
    assert "No likely duplicate" in html


def test_panel_needs_a_desk_user_and_a_real_claim(client, outsider, fc_client, claims):
    assert fc_client.get("/admin/claims/claim/abc/duplicates/").status_code == 404
    assert fc_client.get("/admin/claims/claim/999999999/duplicates/").status_code == 404
    client.logout()
    assert client.get(panel_url(claims[0])).status_code == 302


def test_editing_the_statement_updates_the_panel(
    fc_client, claims, embed_on_save, django_capture_on_commit_callbacks
):
    _ours, _imported, unrelated = claims
    with django_capture_on_commit_callbacks(execute=True):
        rice = services.claim_create(by=None, statement="Rice prices doubled in 2024.")
    assert "No likely duplicate" in fc_client.get(panel_url(unrelated)).content.decode()
    data = claim_form_data(unrelated, statement="The price of rice doubled in 2024.")
    with django_capture_on_commit_callbacks(execute=True):
        response = fc_client.post(
            reverse("admin:claims_claim_change", args=[unrelated.pk]), data
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    html = fc_client.get(panel_url(unrelated)).content.decode()
    assert f"#{rice.pk} " in html
