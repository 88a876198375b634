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


def test_the_claimant_field_suggests_existing_sources_and_marks_new(live_server, page):
    from tests.factories import SourceFactory

    UserFactory(username="factchecker", groups=["Fact-checkers"])
    checker = UserFactory(username="rina", is_staff=True)
    SourceFactory(name="Zulkifli Hasan", kind="person")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/import/")
    page.fill("#id_username", "factchecker")
    page.fill("#id_password", "pass-word-123")
    page.click("input[type=submit]")
    page.fill(
        "#id_text",
        "Jakarta - Ekspor Indonesia naik 12 persen menjadi 250 miliar dolar pada "
        "2023, kata Menteri Perdagangan Zulkifli Hasan.\n\n"
        "Impor turun 3 persen pada 2023, kata Kepala BPS Amalia Adininggar.",
    )
    page.select_option("#id_language", "id")
    page.click("input[type=submit]")
    expect(page.locator("h1")).to_contain_text("Review candidate claims")
    states = page.locator(".ingest-source-state")
    expect(states.nth(0)).to_have_text("known source")
    expect(states.nth(1)).to_contain_text("saving creates it")
    expect(page.locator(".ingest-reasons").first).to_contain_text("a number")

    # typing a known name turns "new" into "known", from the autocomplete's answer
    page.fill("#id_c-1-claimant", "Zulkifli Hasan")
    expect(states.nth(1)).to_have_text("known source")
    expect(page.locator("#ingest-sources option")).to_have_count(1)  # fetched
    page.fill("#id_c-1-claimant", "Somebody Else Entirely")
    expect(states.nth(1)).to_contain_text("saving creates it")
    page.fill("#id_c-1-claimant", "Zulkifli Hasan")
    expect(states.nth(1)).to_have_text("known source")

    page.select_option("#id_assignee", str(checker.pk))
    page.click("input[type=submit]")
    expect(page.locator(".messagelist .success")).to_contain_text("Imported")
    assert Claim.objects.count() == 2
    assert set(Claim.objects.values_list("claimant__name", flat=True)) == {
        "Zulkifli Hasan"
    }
    assert set(Claim.objects.values_list("assignee__username", flat=True)) == {"rina"}
