"""An editor merges two duplicate claims from the claims list. Real Chromium."""

import pytest
from playwright.sync_api import expect

from claims.models import Claim, ClaimMerge
from tests.clients import confirmed_device
from tests.desk.test_browser_workflow import log_in
from tests.factories import ClaimFactory, EvidenceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_merges_two_claims_from_the_list(live_server, page):
    confirmed_device(UserFactory(username="editor", groups=["Editors"]))
    older = ClaimFactory(researching=True, statement="Rice imports doubled in 2023.")
    newer = ClaimFactory(researching=True, statement="Imports of rice doubled, 2023.")
    EvidenceFactory(claim=newer, excerpt="Customs table")

    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/claims/claim/")
    for claim in (older, newer):
        page.check(f"input.action-select[value='{claim.pk}']")
    page.select_option("select[name=action]", "merge_selected")
    page.click("button[name=index]")

    # The confirmation page: the older claim survives, one evidence item moves.
    expect(page.locator(".cd-merge-rows")).to_contain_text("evidence")
    expect(page.locator(".cd-merge-pair")).to_contain_text("Rice imports doubled")
    page.click("input[name=_merge]")

    expect(page.locator(".messagelist .success")).to_contain_text("Merged")
    expect(page.locator(".field-merges")).to_contain_text("Claims merged into this one")
    assert ClaimMerge.objects.get().into_id == older.pk
    assert Claim.objects.get(pk=newer.pk).is_archived
    assert older.evidence.count() == 1
