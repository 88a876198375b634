"""The admin's forms (desk/forms.py), through the pages that post them."""

import pytest

from tests.desk.test_admin import change_url, claim_form_data
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


def test_a_claim_change_without_its_loaded_version_is_refused(
    client, fact_checker, caplog
):
    """The change form always carries the version it was loaded at; a post
    without one could be from a copy of any age, so it is refused, edits kept."""
    claim = ClaimFactory(researching=True, statement="Original wording")
    client.force_login(fact_checker)
    data = claim_form_data(claim, statement="New wording")
    del data["loaded_version"]

    response = client.post(change_url(claim), data)

    assert response.status_code == 200
    errors = " ".join(response.context["adminform"].form.non_field_errors())
    assert "did not say which version of the claim you opened" in errors
    assert "New wording" in response.text  # the user's edit is still on the page
    claim.refresh_from_db()
    assert claim.statement == "Original wording"
    [record] = [r for r in caplog.records if r.name == "claims.services"]
    assert (record.action, record.username, record.reason) == (
        "save",
        "fc",
        "version_missing",
    )


def test_a_stale_claim_change_is_logged_with_who_tried(
    client, fact_checker, editor, caplog
):
    claim = ClaimFactory(researching=True)
    stale = claim_form_data(claim, attribution="on radio")
    client.force_login(editor)
    theirs = claim_form_data(claim, attribution="in parliament")
    assert client.post(change_url(claim), theirs).status_code == 302
    client.force_login(fact_checker)

    response = client.post(change_url(claim), stale)

    assert response.status_code == 200
    [record] = [r for r in caplog.records if r.name == "claims.services"]
    assert (record.action, record.claim_id, record.username, record.reason) == (
        "save",
        claim.pk,
        "fc",
        "conflict",
    )
