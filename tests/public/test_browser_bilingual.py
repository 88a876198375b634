"""A reader in a real browser reads a fact-check in Indonesian: switches the
site's language, reads the translated claim, sees the "not yet translated"
note on one the desk has not translated, and follows the link to the other
language version. Screenshots land in test-artifacts/ (not committed)."""

import pytest

from claims import services
from tests.factories import ClaimFactory, NoteFactory, UserFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def claims(transactional_db):
    editor = UserFactory(username="ed", groups=["Editors"])
    translated = ClaimFactory(
        published=True,
        statement="North Korea refused a letter from Trump.",
        verdict_summary="NK News reported it; nobody denied it.",
    )
    NoteFactory(claim=translated, body="We asked the ministry.", is_public=True)
    services.claim_translation_add(
        claim=translated,
        by=editor,
        language="id",
        statement="Korea Utara menolak surat dari Trump.",
        verdict_summary="NK News melaporkannya; tak ada yang membantah.",
        notes="Kami bertanya kepada kementerian.",
    )
    untranslated = ClaimFactory(published=True, statement="The bridge opened in 1932.")
    return translated, untranslated


def test_read_a_claim_in_indonesian(live_server, page, claims):
    translated, untranslated = claims
    page.goto(f"{live_server.url}{translated.get_absolute_url()}")
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "North Korea refused a letter from Trump."
    page.get_by_label("Language", exact=True).select_option("id")
    page.get_by_role("button", name="Switch").click()
    page.wait_for_url(f"**{translated.get_absolute_url()}")
    assert heading.inner_text() == "Korea Utara menolak surat dari Trump."
    assert heading.get_attribute("lang") == "id"
    assert "tak ada yang membantah" in page.locator(".verdict-box").inner_text()
    assert "Kami bertanya" in page.locator(".note").inner_text()
    assert not page.locator(".notice--untranslated").count()
    # The English version is one link away, at its own URL.
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**?lang=en")
    assert heading.inner_text() == "North Korea refused a letter from Trump."
    # A claim nobody translated: the original, and a note that says so.
    page.goto(f"{live_server.url}{untranslated.get_absolute_url()}")
    assert heading.inner_text() == "The bridge opened in 1932."
    note = page.get_by_role("note").filter(has_text="Belum diterjemahkan")
    assert note.is_visible()
    assert "Inggris" in note.inner_text()
    # The list's cards: one translated, one marked as not yet.
    page.goto(f"{live_server.url}/claims/")
    cards = page.locator(".claim-card__statement").all_inner_texts()
    assert "Korea Utara menolak surat dari Trump." in cards
    assert page.locator(".untranslated--card").count() == 1
