"""In real Chromium: "Add another" on the claim page works whether the blank rows
(sent after the page, desk/admin/base.py) have arrived, are late, or failed to
load; a click that came too early is carried out when they arrive, and a failed
load says so and is tried again on the next click."""

import pytest
from playwright.sync_api import expect

from tests.clients import confirmed_device
from tests.desk.test_admin import change_url
from tests.desk.test_browser_assign import desk_page
from tests.desk.test_browser_workflow import log_in
from tests.factories import ClaimFactory, EvidenceFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BLANK_ROWS = "**/change/?_blank_rows=1"


@pytest.fixture
def claim_page(live_server, browser):
    confirmed_device(UserFactory(username="editor", groups=["Editors"]))
    claim = ClaimFactory(researching=True)
    EvidenceFactory(claim=claim, url="https://example.org/first")
    context, page = desk_page(browser, "en")
    log_in(page, live_server, "editor")
    yield page, f"{live_server.url}{change_url(claim)}"
    context.close()


def add_evidence(page):
    page.locator("#evidence-group").get_by_role(
        "button", name="Add another Evidence"
    ).click()


def test_rows_added_once_the_blank_rows_are_in(claim_page):
    page, url = claim_page
    page.goto(url)
    expect(
        page.locator("#evidence-empty [name='evidence-__prefix__-url']")
    ).to_have_count(1)

    add_evidence(page)
    page.fill("#id_evidence-1-url", "https://example.org/second")
    add_evidence(page)
    # Each added row is a copy with its own index; the saved row is untouched.
    expect(page.locator("#id_evidence-2-url")).to_be_visible()
    expect(page.locator("#id_evidence-0-url")).to_have_value(
        "https://example.org/first"
    )
    expect(page.locator("#id_evidence-TOTAL_FORMS")).to_have_value("3")
    # A tabular inline's "Add another" spans the whole row once the row is in.
    add_date = page.locator("#dates-group tr.add-row td")
    cells = page.locator("#dates-empty > td").count()
    assert cells > 2
    expect(add_date).to_have_attribute("colspan", str(cells))


def test_an_early_click_waits_for_the_blank_rows(claim_page):
    page, url = claim_page
    held = []
    page.route(BLANK_ROWS, lambda route: held.append(route))
    page.goto(url)
    page.wait_for_function("() => document.readyState === 'complete'")
    assert held, "the page did not ask for its blank rows"

    add_evidence(page)
    expect(page.locator("#evidence-1")).to_have_count(0)  # not yet: no fields to copy

    held[0].continue_()
    expect(page.locator("#id_evidence-1-url")).to_be_visible()
    expect(page.locator("#id_evidence-1-stance")).to_be_visible()


def test_a_failed_load_says_so_and_the_next_click_tries_again(claim_page):
    page, url = claim_page
    page.route(BLANK_ROWS, lambda route: route.abort())
    page.goto(url)
    page.wait_for_function("() => document.body.dataset.blankRowsFailed === '1'")

    add_evidence(page)
    expect(page.locator("#evidence-group .cd-blank-rows-failed")).to_have_text(
        "The blank row could not be loaded. Click again to try again."
    )
    expect(page.locator("#evidence-1")).to_have_count(0)

    page.unroute(BLANK_ROWS)
    add_evidence(page)
    expect(page.locator("#id_evidence-1-url")).to_be_visible()
    expect(page.locator(".cd-blank-rows-failed")).to_have_count(0)  # said no more
