"""An editor enrols in two-factor sign-in and signs in with it. Real Chromium."""

import re

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.clients import totp_now
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pass-word-123"


def password_step(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def sign_out(page):
    page.get_by_role("button", name=re.compile("Log out|Sign out")).click()


def ready_for_next_code(user):
    """A person waits out django-otp's throttle (a second) and the spent 30-second
    window; the test moves the device's clock instead of sleeping."""
    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0, last_t=-1)
    StaticDevice.objects.filter(user=user).update(throttling_failure_count=0)


def test_editor_enrols_then_signs_in_with_a_code(live_server, page):
    editor = UserFactory(username="editor", groups=["Editors"])

    # Password alone opens no desk page: the editor is sent to enrol.
    password_step(page, live_server)
    expect(page.locator("h1")).to_have_text("Set up two-factor sign-in")
    expect(page.locator(".cd-qr svg")).to_be_visible()
    secret = page.locator("#cd-2fa-secret").inner_text().replace(" ", "")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert len(secret) == 32
    page.fill("#id_otp_token", totp_now(device))
    page.click("#cd-2fa-setup input[type=submit]")
    codes = page.locator("#cd-recovery-codes code").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Continue to the desk").click()
    expect(page.locator("#cd-queue-panel")).to_be_visible()
    sign_out(page)

    # Password, then a wrong code: refused.
    password_step(page, live_server)
    expect(page.locator("h1")).to_have_text("Two-factor sign-in")
    page.fill("#id_otp_token", "000000")
    page.click("#cd-2fa-verify input[type=submit]")
    expect(page.locator(".errornote")).to_contain_text("That code is not right")
    ready_for_next_code(editor)

    # The app's code opens the desk.
    page.fill("#id_otp_token", totp_now(device))
    page.click("#cd-2fa-verify input[type=submit]")
    expect(page.locator("#cd-queue-panel")).to_be_visible()
    sign_out(page)

    # A recovery code works, once.
    for expected in ("in", "refused"):
        password_step(page, live_server)
        page.fill("#id_otp_token", codes[0])
        page.click("#cd-2fa-verify input[type=submit]")
        if expected == "in":
            expect(page.locator("#cd-queue-panel")).to_be_visible()
            expect(page.locator(".messagelist")).to_contain_text("9 are left")
            sign_out(page)
            ready_for_next_code(editor)
        else:
            expect(page.locator(".errornote")).to_contain_text("That code is not right")
