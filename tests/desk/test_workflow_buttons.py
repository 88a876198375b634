"""The workflow buttons on the claim page save the page's edits first (with the
version check) and never throw them away."""

import pytest

from claims.models import Claim
from tests.desk.test_admin import change_url, claim_form_data, transition_url
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_a_button_saves_the_edits_then_opens_the_transition(client, fact_checker):
    claim = ClaimFactory(researching=True, statement="Exports rose 40%.")
    client.force_login(fact_checker)
    data = claim_form_data(claim, statement="Exports rose 40% in 2023.")
    data["_transition"] = "submit"
    response = client.post(change_url(claim), data)
    assert response.status_code == 302
    assert response["Location"] == transition_url(claim, "submit")
    fresh = Claim.objects.get(pk=claim.pk)
    assert fresh.statement == "Exports rose 40% in 2023."
    assert fresh.status == "researching"  # the transition still asks to confirm


def test_a_button_on_an_untouched_page_saves_nothing(client, fact_checker):
    claim = ClaimFactory(researching=True)
    client.force_login(fact_checker)
    data = claim_form_data(claim)
    data["_transition"] = "submit"
    response = client.post(change_url(claim), data)
    assert response["Location"] == transition_url(claim, "submit")
    assert Claim.objects.get(pk=claim.pk).version == claim.version


def test_a_button_with_invalid_edits_keeps_the_form(client, fact_checker):
    claim = ClaimFactory(researching=True)
    client.force_login(fact_checker)
    data = claim_form_data(claim, statement="A new wording", made_on_text="2019-02-30")
    data["_transition"] = "submit"
    response = client.post(change_url(claim), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "made_on_text" in form.errors
    assert form["statement"].value() == "A new wording"
    assert Claim.objects.get(pk=claim.pk).statement == claim.statement


def test_a_button_from_a_stale_page_is_refused(client, fact_checker, editor):
    claim = ClaimFactory(researching=True)
    stale = claim_form_data(claim, statement="Mine")
    client.force_login(editor)
    client.post(change_url(claim), claim_form_data(claim, statement="Theirs"))
    client.force_login(fact_checker)
    stale["_transition"] = "submit"
    response = client.post(change_url(claim), stale)
    assert response.status_code == 200  # the form stays, with what was typed
    form = response.context["adminform"].form
    assert "changed by" in " ".join(form.non_field_errors())
    assert form["statement"].value() == "Mine"
    assert Claim.objects.get(pk=claim.pk).statement == "Theirs"


def test_the_buttons_are_submit_buttons_of_the_form(client, fact_checker):
    claim = ClaimFactory(researching=True)
    client.force_login(fact_checker)
    body = client.get(change_url(claim)).content.decode()
    assert 'type="submit" class="button cd-transition" name="_transition"' in body
    assert 'value="submit" data-transition="submit"' in body


def test_the_submit_page_shows_the_readiness_checklist(client, fact_checker):
    claim = ClaimFactory(researching=True, claimant=None)
    client.force_login(fact_checker)
    body = client.get(transition_url(claim, "submit")).content.decode()
    assert 'id="cd-checklist"' in body
    assert "Missing: a claimant" in body
    assert "Missing: a verdict summary" in body
    assert "Has a date" in body
    response = client.post(
        transition_url(claim, "submit"), {"comment": "", "version": claim.version}
    )
    assert response.status_code == 200
    assert "Cannot submit for review: the claim needs" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).status == "researching"
