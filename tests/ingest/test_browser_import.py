"""A fact-checker imports an article in a real Chromium: upload, review, save."""

import pytest
from playwright.sync_api import expect

from claims.models import Claim, Document
from tests.conftest import ARTIFACTS
from tests.factories import UserFactory

from .conftest import TRIBUNNEWS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_fact_checker_imports_an_article(live_server, page):
    UserFactory(username="factchecker", groups=["Fact-checkers"])
    page.goto(f"{live_server.url}/admin/login/?next=/admin/import/")
    page.fill("#id_username", "factchecker")
    page.fill("#id_password", "pass-word-123")
    page.click("input[type=submit]")
    expect(page.locator("h1")).to_contain_text("Import article")

    page.set_input_files("#id_file", str(TRIBUNNEWS))
    page.click("input[type=submit]")
    expect(page.locator("h1")).to_contain_text("Review candidate claims")
    expect(page.locator(".ingest-candidates tbody tr")).to_have_count(15)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "ingest_review.png", full_page=True)

    page.fill("#id_c-0-statement", "Trump called North Korea a big nuclear nation.")
    page.uncheck("#id_c-1-accept")
    page.click("input[type=submit]")

    expect(page.locator(".messagelist .success")).to_contain_text("Imported")
    document = Document.objects.get()
    assert page.url.endswith(f"/admin/claims/document/{document.pk}/change/")
    assert Claim.objects.filter(
        statement="Trump called North Korea a big nuclear nation."
    ).exists()
    assert Claim.objects.count() == 12  # 15 less the unticked one and two opinions
