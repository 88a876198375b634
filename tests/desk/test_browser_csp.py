"""The desk works under the Content-Security-Policy: sign-in, the queue, a bulk
action, a claim's change page with its widgets and popups, the importer and the
history, in real Chromium, failing on any violation the browser reports."""

import re

import pytest
from playwright.sync_api import expect

from claims.models import Source, Status
from tests.clients import confirmed_device, totp_now
from tests.factories import ClaimFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-word-123"


def test_a_desk_round_breaks_no_rule(live_server, page, csp_violations):
    boss = UserFactory(username="boss", is_superuser=True, is_staff=True)
    device = confirmed_device(boss)
    claim = ClaimFactory(
        statement="North Korean diplomats refused Trump's letter",
        status=Status.RESEARCHING,
    )
    ClaimFactory(statement="A second claim", status=Status.NEW)
    url = live_server.url

    # Sign in: password, then the second step.
    page.goto(f"{url}/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.fill("#id_otp_token", totp_now(device))
    page.click("#cd-2fa-verify input[type=submit]")
    expect(page.locator("#cd-queue-panel")).to_be_visible()

    # The changelist: select all, run an action. The badges keep their colours.
    page.goto(f"{url}/admin/claims/claim/")
    expect(page.locator(".cd-badge--researching").first).to_have_css(
        "background-color", "rgb(37, 99, 235)"
    )
    page.click("#action-toggle")
    expect(page.locator(".action-counter")).to_contain_text("2 of 2 selected")
    page.select_option("select[name=action]", "assign_to_me")
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_be_visible()

    # The change page: the collapsed fieldset, an inline row, the calendar, a popup.
    page.goto(f"{url}/admin/claims/claim/{claim.pk}/change/")
    page.locator("fieldset.collapse summary").first.click()
    page.locator("#evidence-group").get_by_text("Add another Evidence").click()
    page.fill("#id_evidence-0-url", "https://www.nknews.org/2025/06/letter")
    page.select_option("#id_evidence-0-stance", "supports")
    page.locator("#evidence-0 .datetimeshortcuts a").last.click()  # the calendar
    calendar = page.locator(".calendarbox:visible")
    expect(calendar).to_have_count(1)
    calendar.locator(".calendar-shortcuts").get_by_text("Today").click()
    assert page.input_value("#id_evidence-0-accessed_on")
    with page.expect_popup() as popup_info:
        page.click("#add_id_claimant")
    popup = popup_info.value
    popup.fill("#id_name", "NK News")
    popup.select_option("#id_kind", index=1)
    popup.click("input[name=_save]")
    popup.wait_for_event("close")
    expect(page.locator("#select2-id_claimant-container")).to_contain_text("NK News")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    claim.refresh_from_db()
    assert claim.claimant == Source.objects.get(name="NK News")
    assert claim.evidence.count() == 1

    # The history page, the importer and its review screen, two-factor settings.
    page.goto(f"{url}/admin/claims/claim/{claim.pk}/history/")
    expect(page.locator("h1")).to_contain_text("history", ignore_case=True)
    page.goto(f"{url}/admin/import/")
    page.fill(
        "#id_text",
        "North Korean diplomats refused to accept a letter from Donald Trump, "
        "NK News reported on Wednesday 11 June 2025.",
    )
    page.click("input[type=submit]")
    expect(page.locator("table.ingest-candidates")).to_be_visible()
    page.goto(f"{url}/admin/")
    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(page.locator("h1")).to_have_text(re.compile("Two-factor"))
    csp_violations.assert_none()
