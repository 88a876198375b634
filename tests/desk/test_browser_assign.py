"""An editor gives a claim to a named fact-checker with a due date; she finds it
on My work, hears of it (header count, notifications list, email) and opens it;
then she saves a filter of the claims list. Real Chromium, once with browsers set
to English and once to Indonesian (the language a desk user's browser asks for,
``Accept-Language``): the visible text is asserted in each. The email is written in
the language she chose for emails, none here: the site's (``LANGUAGE_CODE``), whatever
the browser's."""

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

#: What each step shows, as written in each language (not looked up in the
#: catalogue: a missing translation would then pass as English).
TEXT = {
    "en": {
        "saved_message": "The filter is saved.",
        "my_work": "My work",
        "assigned_to_me": "Assigned to me",
        "waiting": "Waiting for my review",
        "overdue": "overdue since {date}",
        "due": "due {date}",
        "researching": "Researching",
        "assigned_you": "editor assigned this claim to you.",
        "notifications": "Notifications",
        "change_claim": "Change claim",
        "save_as": "Save this filter as",
        "save_button": "Save filter",
        "my_filters": "My saved filters",
    },
    "id": {
        "saved_message": "Filter tersimpan.",
        "my_work": "Pekerjaan saya",
        "assigned_to_me": "Ditugaskan kepada saya",
        "waiting": "Menunggu tinjauan saya",
        "overdue": "terlambat sejak {date}",
        "due": "tenggat {date}",
        "researching": "Diteliti",
        "assigned_you": "editor menugaskan klaim ini kepada Anda.",
        "notifications": "Notifikasi",
        "change_claim": "Ubah klaim",
        "save_as": "Simpan filter ini sebagai",
        "save_button": "Simpan filter",
        "my_filters": "Filter tersimpan saya",
    },
}
LOCALES = {"en": "en-GB", "id": "id-ID"}


def desk_page(browser, lang):
    """A new browser context whose browser asks for ``lang``, and its page."""
    context = browser.new_context(
        locale=LOCALES[lang], viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.mark.parametrize("lang", ["en", "id"])
def test_editor_assigns_and_the_fact_checker_finds_it_in_my_work(
    live_server, browser, lang
):
    text = TEXT[lang]
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
    editor_context, page = desk_page(browser, lang)
    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    expect(page.locator("#content h1")).to_have_text(text["change_claim"])
    page.select_option("#id_assignee", label="alice")
    page.fill("#id_due_on", due.isoformat())
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    claim.refresh_from_db()
    assert (claim.assignee, claim.due_on) == (alice, due)
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "Assigned to you: Korut refused the letter" in mail.outbox[0].subject
    editor_context.close()

    # Alice signs in: My work lists the overdue claim first, then the new one.
    context, alice_page = desk_page(browser, lang)
    log_in(alice_page, live_server, "alice")
    expect(alice_page.locator("html")).to_have_attribute("lang", lang)
    expect(alice_page.get_by_role("heading", name=text["my_work"])).to_be_visible()
    expect(
        alice_page.get_by_role("heading", name=text["assigned_to_me"])
    ).to_be_visible()
    mine = alice_page.locator("#cd-mine li")
    overdue = (timezone.localdate() - dt.timedelta(days=3)).isoformat()
    expect(mine.nth(0)).to_contain_text("An old one of hers")
    expect(mine.nth(0)).to_contain_text(text["researching"])
    expect(mine.nth(0)).to_contain_text(text["overdue"].format(date=overdue))
    expect(mine.nth(1)).to_contain_text("Korut refused the letter")
    expect(mine.nth(1)).to_contain_text(text["due"].format(date=due.isoformat()))
    # A fact-checker reviews nothing: no review list, however it is called.
    expect(alice_page.locator("#cd-review")).to_have_count(0)
    expect(alice_page.get_by_text(text["waiting"], exact=True)).to_have_count(0)

    # The header counts one unread notification; opening it reads it.
    expect(alice_page.locator("#cd-unread-count")).to_have_text("1")
    alice_page.click("#cd-notifications-link")
    expect(alice_page.locator("#content h1")).to_contain_text(text["notifications"])
    row = alice_page.locator("#cd-notifications tbody tr").first
    expect(row).to_contain_text(text["assigned_you"])
    row.get_by_role("link", name=re.compile("Korut refused")).click()
    expect(alice_page.locator("#content h1")).to_have_text(text["change_claim"])
    expect(alice_page.locator("#cd-unread-count")).to_have_count(0)
    assert Notification.objects.get(recipient=alice).read_at is not None

    # She keeps her filter of researching claims under a name, and its link opens
    # the same list.
    alice_page.goto(f"{live_server.url}/admin/claims/claim/?status__exact=researching")
    saved_form = alice_page.locator("#cd-saved-filters")
    alice_page.get_by_label(text["save_as"]).fill("Researching now")
    expect(saved_form.locator("input[type=submit]")).to_have_value(text["save_button"])
    saved_form.locator("input[type=submit]").click()
    expect(alice_page.locator(".messagelist")).to_contain_text(text["saved_message"])
    saved = SavedFilter.objects.get(owner=alice)
    assert saved.query == "status__exact=researching"
    alice_page.goto(f"{live_server.url}/admin/")
    expect(alice_page.get_by_role("heading", name=text["my_filters"])).to_be_visible()
    alice_page.locator("#cd-saved-filters").get_by_role(
        "link", name="Researching now"
    ).click()
    expect(alice_page).to_have_url(re.compile(r"status__exact=researching"))
    expect(alice_page.locator("#result_list")).to_contain_text("An old one of hers")
    context.close()
    assert Claim.objects.get(pk=claim.pk).assignee == alice
