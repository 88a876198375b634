"""A record readers can trust, driven in real Chromium as the people who use it: a
published claim is read-only at the desk, an editor's correction reaches readers
(claim page, corrections log, feed), the history shows who changed what and can
restore an unpublished claim, the researcher cannot publish their own claim, and
an incomplete claim cannot be submitted."""

import re

import pytest
from playwright.sync_api import expect

from claims import services
from claims.models import Claim, Status
from tests.clients import confirmed_device
from tests.desk.test_browser_workflow import log_in
from tests.factories import ClaimFactory, EvidenceFactory, UserFactory, rating

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def change_page(live_server, claim, query=""):
    return f"{live_server.url}/admin/claims/claim/{claim.pk}/change/{query}"


def published_claim():
    claim = ClaimFactory(
        published=True,
        statement="Unemployment fell to 5.2 percent in 2023",
        verdict=rating("true"),
        verdict_summary="The statistics office reported 5.2 percent.",
    )
    EvidenceFactory(claim=claim)
    return claim


def test_fact_checker_sees_a_published_claim_read_only(live_server, page):
    UserFactory(username="factchecker", groups=["Fact-checkers"])
    claim = published_claim()

    log_in(page, live_server, "factchecker")
    page.goto(change_page(live_server, claim))

    expect(page.locator(".field-statement .readonly")).to_contain_text(
        "Unemployment fell to 5.2 percent in 2023"
    )
    expect(page.locator("#id_statement")).to_have_count(0)
    expect(page.locator("#id_verdict")).to_have_count(0)
    expect(page.locator("[data-transition=correct]")).to_have_count(0)
    # Typing the correction address does not open the fields either.
    page.goto(change_page(live_server, claim, "?correction=1"))
    expect(page.locator("#id_statement")).to_have_count(0)
    expect(page.locator("#id_correction_note")).to_have_count(0)


def test_editor_corrects_a_claim_and_readers_see_it(live_server, page):
    confirmed_device(UserFactory(username="editor", groups=["Editors"]))
    claim = published_claim()
    new_statement = "Unemployment fell to 5.4 percent in 2023"

    log_in(page, live_server, "editor")
    page.goto(change_page(live_server, claim))
    expect(page.locator("#id_statement")).to_have_count(0)  # frozen until corrected
    page.click("[data-transition=correct]")
    page.fill("#id_statement", new_statement)
    page.select_option("#id_verdict", str(rating("mostly-false").pk))

    # Without a correction note nothing is saved, and the edits stay on the page.
    page.click("input[name=_save]")
    expect(page.locator(".field-correction_note .errorlist")).to_be_visible()
    expect(page.locator("#id_statement")).to_have_value(new_statement)
    expect(page.locator("#id_verdict")).to_have_value(str(rating("mostly-false").pk))
    assert Claim.objects.get(pk=claim.pk).status == Status.PUBLISHED

    page.fill("#id_correction_note", "We misread the statistics office's table.")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert Claim.objects.get(pk=claim.pk).status == Status.CORRECTED

    # The reader sees the correction first on the claim page: dated, with the
    # note and what changed.
    page.goto(f"{live_server.url}{claim.get_absolute_url()}")
    correction = page.locator(".corrections-top li").first
    expect(correction).to_contain_text("We misread the statistics office's table.")
    expect(correction.locator("time")).to_have_attribute(
        "datetime", re.compile(r"^\d{4}-\d\d-\d\d")
    )
    expect(correction.locator(".verdict-change")).to_contain_text(
        re.compile("verdict changed from True to Mostly false", re.I)
    )
    statement_change = correction.locator(".what-changed li").filter(
        has=page.locator(".field", has_text="Statement")
    )
    expect(statement_change.locator("del")).to_have_text(
        "Unemployment fell to 5.2 percent in 2023"
    )
    expect(statement_change.locator("ins")).to_have_text(new_statement)
    expect(page.locator("h1#claim-statement")).to_have_text(new_statement)
    # Right under the verdict, above the write-up and evidence.
    top = page.locator(".corrections-top").bounding_box()
    verdict = page.locator(".verdict-box").bounding_box()
    body = page.locator(".claim__body").bounding_box()
    assert top and verdict and body and verdict["y"] < top["y"] < body["y"]

    # ... in the corrections log and in its feed.
    page.goto(f"{live_server.url}/corrections/")
    expect(page.locator("main")).to_contain_text(
        "We misread the statistics office's table."
    )
    feed = page.request.get(f"{live_server.url}/corrections/feed/")
    assert feed.ok
    assert "We misread the statistics office" in feed.text()
    assert f"{claim.get_absolute_url()}#correction-" in feed.text()


def test_history_shows_who_changed_what_and_an_editor_restores(live_server, page):
    fact_checker = UserFactory(username="factchecker", groups=["Fact-checkers"])
    confirmed_device(UserFactory(username="editor", groups=["Editors"]))
    claim = ClaimFactory(researching=True, statement="Exports rose 40 percent")
    copy = Claim.objects.get(pk=claim.pk)
    copy.statement = "Exports fell"
    services.claim_save(claim=copy, by=fact_checker, expected_version=claim.version)
    original = claim.history.earliest("history_date", "history_id")

    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/history/")
    latest = page.locator("#change-history tbody tr").first
    expect(latest).to_contain_text("factchecker")
    expect(latest).to_contain_text("Statement")
    expect(latest).to_contain_text("Exports rose 40 percent")
    expect(latest).to_contain_text("Exports fell")

    page.click(f'a[href$="/history/{original.history_id}/"]')
    expect(page.locator("#id_statement")).to_have_value("Exports rose 40 percent")
    page.click("input[name=_save][value=Revert]")
    expect(page.locator(".messagelist .success")).to_contain_text(
        "Restored the version of"
    )
    expect(page.locator("#id_statement")).to_have_value("Exports rose 40 percent")
    claim.refresh_from_db()
    assert (claim.statement, claim.status) == (
        "Exports rose 40 percent",
        Status.RESEARCHING,
    )


def submit(page, live_server, claim):
    page.goto(change_page(live_server, claim))
    page.click("[data-transition=submit]")
    page.click("input[name=_confirm]")


def test_whoever_submitted_a_claim_cannot_also_publish_it(live_server, page):
    both = UserFactory(username="both", groups=["Fact-checkers", "Editors"])
    confirmed_device(both)
    claim = ClaimFactory(ready=True, statement="Exports rose 40 percent", assignee=both)

    log_in(page, live_server, "both")
    submit(page, live_server, claim)
    expect(page.locator(".messagelist")).to_contain_text("now In review")
    page.click("[data-transition=publish]")
    page.click("input[name=_confirm]")

    expect(page.locator(".errornote")).to_contain_text(
        "you researched or submitted this claim, so another editor must review"
    )
    claim.refresh_from_db()
    assert claim.status == Status.IN_REVIEW
    assert not claim.events.filter(action="claim.published").exists()


def test_a_desk_of_one_may_publish_its_own_claim(live_server, page, settings):
    settings.CLAIMDESK_SEPARATE_REVIEW = False
    both = UserFactory(username="both", groups=["Fact-checkers", "Editors"])
    confirmed_device(both)
    claim = ClaimFactory(ready=True, statement="Exports rose 40 percent", assignee=both)

    log_in(page, live_server, "both")
    submit(page, live_server, claim)
    page.click("[data-transition=publish]")
    page.click("input[name=_confirm]")

    expect(page.locator(".messagelist")).to_contain_text("now Published")
    assert Claim.objects.get(pk=claim.pk).status == Status.PUBLISHED


def test_submitting_an_incomplete_claim_names_what_is_missing(live_server, page):
    fact_checker = UserFactory(username="factchecker", groups=["Fact-checkers"])
    claim = ClaimFactory(
        researching=True, statement="Exports rose 40 percent", assignee=fact_checker
    )

    log_in(page, live_server, "factchecker")
    page.goto(change_page(live_server, claim))
    page.click("[data-transition=submit]")

    checklist = page.locator("#cd-checklist")
    expect(checklist.locator(".cd-missing")).to_have_text(
        [
            re.compile("Missing: a verdict$"),
            re.compile("Missing: a verdict summary$"),
            re.compile("Missing: at least one evidence item$"),
        ]
    )
    expect(checklist.locator(".cd-done")).to_have_count(2)  # claimant, date
    page.click("input[name=_confirm]")
    expect(page.locator(".errornote")).to_contain_text(
        "the claim needs a verdict, a verdict summary, at least one evidence item."
    )
    claim.refresh_from_db()
    assert claim.status == Status.RESEARCHING
    assert not claim.events.filter(action="claim.submitted").exists()
