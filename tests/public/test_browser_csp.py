"""The public site works under its Content-Security-Policy: a reader's round of the
pages in real Chromium, failing on any violation the browser reports."""

import pytest
from playwright.sync_api import expect

from claims.models import Rating
from tests.factories import (
    ClaimDateFactory,
    ClaimFactory,
    SourceFactory,
    rating,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def checked(transactional_db):
    Rating.objects.filter(slug="false").update(colour="#aa0011")
    nk_news = SourceFactory(name="NK News")
    claim = ClaimFactory(
        published=True,
        claimant=nk_news,
        statement="North Korean diplomats refused Trump's letter.",
        verdict=rating("false"),
        tags=["north korea"],
    )
    ClaimDateFactory(claim=claim, label="The refused letter")
    ClaimFactory(corrected=True, statement="The Hanoi summit ended early.")
    return claim


def test_a_readers_round_of_the_site_breaks_no_rule(
    live_server, page, csp_violations, checked
):
    url = live_server.url
    page.goto(f"{url}/")
    expect(page.locator(".verdict-counts .verdict--false")).to_have_css(
        "background-color", "rgb(170, 0, 17)"
    )

    page.goto(f"{url}/claims/")
    page.get_by_label("False", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/claims/?*verdict=false*")
    page.get_by_role("link", name="North Korean diplomats refused").click()
    badge = page.locator(".verdict-line .verdict")
    expect(badge).to_contain_text("False")
    # The colour arrives from /verdicts.css, not from a style attribute.
    expect(badge).to_have_css("background-color", "rgb(170, 0, 17)")

    page.get_by_role("link", name="NK News").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("NK News")

    page.goto(f"{url}/timeline/")
    expect(page.locator(".timeline__date").first).to_be_visible()
    page.goto(f"{url}/corrections/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.get_by_role("searchbox", name="Search fact-checks").fill("Hanoi")
    page.get_by_role("button", name="Search", exact=True).first.click()
    page.wait_for_url("**/claims/?q=Hanoi")

    page.locator("#language-select").select_option("id")
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")

    page.goto(f"{url}/api/claims/")
    expect(page.locator("body")).to_contain_text("North Korean diplomats")
    csp_violations.assert_none()


def test_the_check_sees_what_the_policy_refuses(live_server, page, csp_violations):
    """The recorder is not blind: markup injected after load, the kind an XSS would
    bring, is refused and reported."""
    page.goto(f"{live_server.url}/")
    page.evaluate(
        """() => {
          document.body.insertAdjacentHTML('beforeend', '<p style="color:red">x</p>');
          const script = document.createElement('script');
          script.textContent = 'window.ran = true';
          document.body.append(script);
        }"""
    )
    assert page.evaluate("window.ran") is None
    seen = " ".join(csp_violations.settle())
    assert "style-src" in seen
    assert "script-src" in seen
    csp_violations.clear()
