"""The change page of a published claim (desk/admin/frozen.py): public fields are
read-only for everyone, and "Publish a correction" opens them, saving everything
through one claim_correct call."""

import pytest

from claims.models import Claim, Correction, Status
from tests.desk.test_admin import change_url, claim_form_data
from tests.desk.test_review import cells
from tests.factories import ClaimFactory, EvidenceFactory, rating

pytestmark = pytest.mark.django_db

PUBLIC = ["statement", "claimant", "attribution", "tags", "verdict_summary"]


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_published_claims_public_fields_are_read_only(client, who, request):
    client.force_login(request.getfixturevalue(who))
    claim = ClaimFactory(published=True, statement="The original statement.")
    EvidenceFactory(claim=claim)

    response = client.get(change_url(claim))

    form = response.context["adminform"].form
    assert not set(PUBLIC) & set(form.fields)
    assert "assignee" in form.fields  # internal: still editable
    evidence = next(
        f
        for f in response.context["inline_admin_formsets"]
        if f.opts.model.__name__ == "Evidence"
    )
    assert not evidence.has_change_permission and not evidence.has_delete_permission


@pytest.mark.parametrize("who", ["editor", "superuser"])
def test_posting_a_changed_statement_leaves_the_claim_unchanged(client, who, request):
    client.force_login(request.getfixturevalue(who))
    claim = ClaimFactory(published=True, statement="The original statement.")

    client.post(change_url(claim), claim_form_data(claim, statement="Rewritten."))

    assert Claim.objects.get(pk=claim.pk).statement == "The original statement."
    assert not Correction.objects.exists()


def test_the_correct_button_opens_correction_mode(client, editor):
    client.force_login(editor)
    claim = ClaimFactory(published=True)
    response = client.post(
        change_url(claim), {**claim_form_data(claim), "_transition": "correct"}
    )
    assert response.url == change_url(claim) + "?correction=1"
    form = client.get(response.url).context["adminform"].form
    assert {"statement", "verdict", "correction_note"} <= set(form.fields)


def test_fact_checker_gets_no_correction_mode(client, fact_checker):
    client.force_login(fact_checker)
    claim = ClaimFactory(published=True)
    form = client.get(change_url(claim) + "?correction=1").context["adminform"].form
    assert "statement" not in form.fields


def test_editor_corrects_statement_and_verdict_in_one_go(client, editor):
    client.force_login(editor)
    claim = ClaimFactory(published=True, statement="Unemployment fell to 5.2%.")
    data = claim_form_data(
        claim,
        statement="Unemployment fell to 5.4%.",
        verdict=rating("mostly-false").pk,
        correction_note="We misquoted the figure.",
    )

    response = client.post(change_url(claim) + "?correction=1", data)

    assert response.status_code == 302
    claim = Claim.objects.get(pk=claim.pk)
    assert (claim.status, claim.statement) == (
        Status.CORRECTED,
        "Unemployment fell to 5.4%.",
    )
    [correction] = claim.corrections.all()
    assert correction.note == "We misquoted the figure."
    fields = [c["field"] for c in correction.changes]
    assert fields == ["statement", "verdict"]
    # the claim page lists it, read-only, with who wrote it and both verdicts
    page = client.get(change_url(claim)).text
    table = page[page.index('id="corrections-group"') :]
    assert cells(table, "note") == ["We misquoted the figure."]
    assert cells(table, "created_by") == [str(editor)]
    assert cells(table, "new_verdict") == [str(rating("mostly-false"))]
    assert 'name="corrections-0-note"' not in page


def test_a_correction_without_its_note_is_refused(client, editor):
    client.force_login(editor)
    claim = ClaimFactory(published=True, statement="Original.")
    data = claim_form_data(claim, statement="Changed.")
    response = client.post(change_url(claim) + "?correction=1", data)
    assert response.status_code == 200  # the form again, with the error
    assert Claim.objects.get(pk=claim.pk).statement == "Original."
