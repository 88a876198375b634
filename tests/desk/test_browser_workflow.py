"""A fact-checker adds evidence and submits; an editor publishes. Real Chromium."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from claims.models import Claim, Status
from tests.clients import confirmed_device, totp_now
from tests.factories import ClaimFactory, UserFactory, rating

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-word-123"


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    device = TOTPDevice.objects.filter(user__username=username).first()
    if device is not None:  # editors sign in with a second step
        page.fill("#id_otp_token", totp_now(device))
        page.click("#cd-2fa-verify input[type=submit]")
    expect(page.locator("#cd-queue-panel")).to_be_visible()


def test_fact_checker_submits_and_editor_publishes(live_server, browser, page):
    fact_checker = UserFactory(username="factchecker", groups=["Fact-checkers"])
    confirmed_device(UserFactory(username="editor", groups=["Editors"]))
    claim = ClaimFactory(
        statement="North Korean diplomats refused Trump's letter",
        status=Status.RESEARCHING,
        assignee=fact_checker,
        verdict=rating("true"),
        verdict_summary="NK News's account is confirmed by two officials.",
    )

    # The fact-checker finds the claim in their queue and adds evidence.
    log_in(page, live_server, "factchecker")
    page.locator("#cd-mine").get_by_role(
        "link", name=re.compile("refused Trump")
    ).click()
    expect(page.locator("h1", has_text="Change claim")).to_be_visible()
    page.locator("#evidence-group").get_by_text("Add another Evidence").click()
    page.fill("#id_evidence-0-url", "https://www.nknews.org/2025/06/letter")
    page.select_option("#id_evidence-0-stance", "supports")
    page.fill("#id_evidence-0-excerpt", "Diplomats in New York refused the letter.")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert claim.evidence.get().added_by == fact_checker

    # ... and submits it for review, with a comment.
    page.click("[data-transition=submit]")
    page.fill("#id_comment", "Two sources agree.")
    page.click("input[name=_confirm]")
    expect(page.locator(".messagelist")).to_contain_text("now In review")

    # The editor sees it waiting for review and publishes it.
    editor_context = browser.new_context()
    editor_page = editor_context.new_page()
    editor_page.set_default_timeout(15_000)
    log_in(editor_page, live_server, "editor")
    editor_page.locator("#cd-review").get_by_role(
        "link", name=re.compile("refused Trump")
    ).click()
    editor_page.click("[data-transition=publish]")
    editor_page.click("input[name=_confirm]")
    expect(editor_page.locator(".messagelist")).to_contain_text("now Published")
    editor_context.close()

    claim.refresh_from_db()
    assert claim.status == Status.PUBLISHED
    assert list(claim.events.values_list("action", "actor__username")) == [
        ("claim.submitted", "factchecker"),
        ("claim.published", "editor"),
    ]
    assert Claim.objects.published().filter(pk=claim.pk).exists()


def test_a_workflow_button_keeps_unsaved_edits(live_server, browser, page):
    fact_checker = UserFactory(username="factchecker", groups=["Fact-checkers"])
    claim = ClaimFactory(
        statement="Exports rose 40 percent", status=Status.NEW, assignee=fact_checker
    )
    log_in(page, live_server, "factchecker")
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    page.fill("#id_statement", "Exports rose 40 percent in 2023")
    page.click("[data-transition=start_research]")
    expect(page.locator("input[name=_confirm]")).to_be_visible()
    claim.refresh_from_db()
    assert claim.statement == "Exports rose 40 percent in 2023"
    page.click("input[name=_confirm]")
    expect(page.locator(".messagelist")).to_contain_text("now Researching")
