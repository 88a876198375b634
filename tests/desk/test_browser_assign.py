"""An editor gives a claim to a named fact-checker with a due date; she finds it
on My work, hears of it (header count, notifications list, email) and opens it;
then she saves a filter of the claims list. Real Chromium."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from claims.models import Claim, Notification, SavedFilter, Status
from tests.clients import confirmed_device
from tests.desk.test_browser_workflow import log_in
from tests.factories import ClaimFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_assigns_and_the_fact_checker_finds_it_in_my_work(
    live_server, browser, page
):
    alice = UserFactory(username="alice", groups=["Fact-checkers"])
    confirmed_device(UserFactory(username="editor", groups=["Editors"]))
    claim = ClaimFactory(statement="Korut refused the letter", status=Status.NEW)
    ClaimFactory(
        statement="An old one of hers",
        status=Status.RESEARCHING,
        assignee=alice,
        due_on=timezone.localdate() - dt.timedelta(days=3),
    )
    due = timezone.localdate() + dt.timedelta(days=4)

    # The editor opens the claim and gives it to Alice, due in four days.
    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    page.select_option("#id_assignee", label="alice")
    page.fill("#id_due_on", due.isoformat())
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    claim.refresh_from_db()
    assert (claim.assignee, claim.due_on) == (alice, due)
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "Assigned to you: Korut refused the letter" in mail.outbox[0].subject

    # Alice signs in: My work lists the overdue claim first, then the new one.
    context = browser.new_context()
    alice_page = context.new_page()
    alice_page.set_default_timeout(15_000)
    log_in(alice_page, live_server, "alice")
    mine = alice_page.locator("#cd-mine li")
    expect(mine.nth(0)).to_contain_text("An old one of hers")
    expect(mine.nth(0)).to_contain_text("overdue since")
    expect(mine.nth(1)).to_contain_text("Korut refused the letter")
    expect(mine.nth(1)).to_contain_text(f"due {due.isoformat()}")
    expect(alice_page.locator("#cd-review")).to_have_count(0)

    # The header counts one unread notification; opening it reads it.
    expect(alice_page.locator("#cd-unread-count")).to_have_text("1")
    alice_page.click("#cd-notifications-link")
    row = alice_page.locator("#cd-notifications tbody tr").first
    expect(row).to_contain_text("editor assigned this claim to you.")
    row.get_by_role("link", name=re.compile("Korut refused")).click()
    expect(alice_page.locator("h1", has_text="Change claim")).to_be_visible()
    expect(alice_page.locator("#cd-unread-count")).to_have_count(0)
    assert Notification.objects.get(recipient=alice).read_at is not None

    # She keeps her filter of researching claims under a name, and its link opens
    # the same list.
    alice_page.goto(f"{live_server.url}/admin/claims/claim/?status__exact=researching")
    alice_page.fill("#cd-saved-filter-name", "Researching now")
    alice_page.click("#cd-saved-filters input[type=submit]")
    expect(alice_page.locator(".messagelist")).to_contain_text("The filter is saved.")
    saved = SavedFilter.objects.get(owner=alice)
    assert saved.query == "status__exact=researching"
    alice_page.goto(f"{live_server.url}/admin/")
    alice_page.locator("#cd-saved-filters").get_by_role(
        "link", name="Researching now"
    ).click()
    expect(alice_page).to_have_url(re.compile(r"status__exact=researching"))
    expect(alice_page.locator("#result_list")).to_contain_text("An old one of hers")
    context.close()
    assert Claim.objects.get(pk=claim.pk).assignee == alice
