"""A payload-filled claim in real Chromium: the claim page, the list and the
admin change page open without a single alert, confirm or prompt."""

import pytest
from playwright.sync_api import expect

from claims.models import Source
from tests.clients import confirmed_device, totp_now
from tests.factories import (
    AppearanceFactory,
    ClaimFactory,
    DocumentFactory,
    EvidenceFactory,
    NoteFactory,
    SourceFactory,
    UserFactory,
)
from tests.public.test_xss import PAYLOADS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_payload_opens_a_dialog(live_server, page):
    joined = "\n\n".join(PAYLOADS)
    claimant = SourceFactory(
        name="<img src=x onerror=alert(1)>", kind=Source.Kind.PERSON
    )
    document = DocumentFactory(
        title=PAYLOADS[4], url=PAYLOADS[20], archive_url=PAYLOADS[27], text=joined
    )
    claim = ClaimFactory(
        published=True,
        statement=joined,
        claimant=claimant,
        verdict_summary=joined,
        tags=[PAYLOADS[8]],
    )
    AppearanceFactory(claim=claim, document=document, quote=PAYLOADS[0])
    NoteFactory(claim=claim, body=joined, is_public=True)
    for payload in PAYLOADS[20:40]:  # the URL payloads
        EvidenceFactory(claim=claim, url=payload, archive_url=payload, excerpt=payload)
    device = confirmed_device(UserFactory(username="ed", groups=["Editors"]))

    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{live_server.url}{claim.get_absolute_url()}")
    expect(page.locator("h1")).to_contain_text("onerror=alert(1)")
    page.goto(f"{live_server.url}/claims/")
    expect(page.locator(".claim-card")).to_have_count(1)
    page.goto(
        f"{live_server.url}/admin/login/?next=/admin/claims/claim/{claim.pk}/change/"
    )
    page.fill("#id_username", "ed")
    page.fill("#id_password", "pass-word-123")
    page.click("input[type=submit]")
    page.fill("#id_otp_token", totp_now(device))  # editors sign in with a code too
    page.click("#cd-2fa-verify input[type=submit]")
    # published, so frozen: the statement is shown read-only, as text
    expect(page.locator("#content")).to_contain_text("<svg onload=alert(1)>")
    page.wait_for_timeout(500)  # let failed images fire their (escaped) onerror
    assert dialogs == []
