"""A reader in a real browser: filter the list, open a claim, follow the timeline,
switch language. Screenshots land in test-artifacts/ (not committed)."""

import datetime as dt

import pytest

from tests.factories import ClaimDateFactory, ClaimFactory, SourceFactory, rating

pytestmark = pytest.mark.browser


@pytest.fixture
def diplomacy(transactional_db):
    nk_news = SourceFactory(name="NK News")
    events = [
        (dt.date(2018, 6, 1), "month", "Singapore summit", "true"),
        (dt.date(2019, 2, 1), "month", "Hanoi summit", "mostly-true"),
        (dt.date(2019, 6, 30), "day", "Panmunjom", "true"),
        (dt.date(2019, 10, 1), "month", "Stockholm talks", "mixed"),
        (dt.date(2025, 6, 1), "month", "The refused letter", "unproven"),
    ]
    claims = {}
    for start, precision, label, verdict in events:
        claim = ClaimFactory(
            published=True,
            claimant=nk_news,
            statement=f"Claim about the {label}.",
            verdict=rating(verdict),
            tags=["north korea"],
        )
        ClaimDateFactory(claim=claim, start=start, precision=precision, label=label)
        claims[label] = claim
    ClaimFactory(in_review=True, statement="Unpublished draft about Hanoi.")
    return claims


def test_filter_the_list_and_open_a_claim(live_server, page, diplomacy):
    page.goto(f"{live_server.url}/claims/")
    assert page.get_by_role("heading", name="5 fact-checks").is_visible()
    page.get_by_label("True", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/claims/?*verdict=true*")
    assert page.get_by_role("heading", name="2 fact-checks").is_visible()
    assert "Unpublished draft" not in page.content()
    page.get_by_role("link", name="Claim about the Panmunjom.").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Claim about the Panmunjom."
    )
    assert page.locator(".verdict-line .verdict").inner_text().endswith("True")


def test_search_from_the_header(live_server, page, diplomacy):
    page.goto(f"{live_server.url}/")
    page.get_by_role("searchbox", name="Search fact-checks").fill("Stockholm")
    page.get_by_role("button", name="Search", exact=True).first.click()
    page.wait_for_url("**/claims/?q=Stockholm")
    assert page.get_by_role("heading", name="1 fact-check", exact=True).is_visible()


def test_bad_filter_shows_an_error(live_server, page, diplomacy):
    page.goto(f"{live_server.url}/claims/?event_from=2019-13")
    assert page.get_by_role("alert").is_visible()
    assert "Enter a date as YYYY" in page.get_by_role("alert").inner_text()


def test_follow_the_timeline(live_server, page, diplomacy):
    claim = diplomacy["Hanoi summit"]
    page.goto(f"{live_server.url}{claim.get_absolute_url()}")
    page.get_by_role("link", name="February 2019: Hanoi summit").click()
    page.wait_for_url("**/timeline/**")
    dates = page.locator(".timeline__date time").all_inner_texts()
    assert dates == [
        "June 2018",
        "February 2019",
        "30 June 2019",
        "October 2019",
        "June 2025",
    ]
    years = page.locator(".timeline__year > h2").all_inner_texts()
    assert years == ["2018", "2019", "2025"]
    assert page.locator(f"#date-{claim.dates.get().pk}").is_visible()
    page.get_by_role("link", name="Claim about the The refused letter.").click()
    assert "Unproven" in page.locator(".verdict-line").inner_text()


def test_switch_language(live_server, page, diplomacy):
    page.goto(f"{live_server.url}/timeline/")
    page.get_by_label("Language", exact=True).select_option("id")
    page.get_by_role("button", name="Switch").click()
    page.wait_for_url("**/timeline/")
    assert page.get_by_role("heading", level=1).inner_text() == "Linimasa peristiwa"
    assert "Februari 2019" in page.locator(".timeline").inner_text()
    assert page.locator("html").get_attribute("lang") == "id"
    page.get_by_role("link", name="Cek fakta", exact=True).click()
    assert page.get_by_role("heading", name="5 cek fakta").is_visible()


UNLABELLED_CONTROLS = """
() => [...document.querySelectorAll('input:not([type=hidden]), select, button')]
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !(el.tagName === 'BUTTON' && el.innerText.trim()))
  .map(el => el.outerHTML)
"""


@pytest.mark.parametrize("path", ["/", "/claims/", "/timeline/"])
def test_every_control_has_a_name(live_server, page, diplomacy, path):
    page.goto(f"{live_server.url}{path}")
    assert page.evaluate(UNLABELLED_CONTROLS) == []
    assert page.locator("main h1").count() == 1
    assert page.locator("html").get_attribute("lang") == "en"


def test_verdicts_are_written_not_only_coloured(live_server, page, diplomacy):
    page.goto(f"{live_server.url}/claims/")
    badges = page.locator(".claim-card .verdict").all_inner_texts()
    assert len(badges) == 5
    assert all(text.strip() for text in badges)
    assert {t.split()[-1] for t in badges} >= {"True", "Mixed", "Unproven"}


def test_works_without_javascript(browser, live_server, diplomacy):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/claims/")
    page.get_by_label("Topic", exact=True).fill("north-korea")
    page.get_by_label("Sort by", exact=True).select_option("event")
    page.get_by_role("button", name="Apply filters").click()
    first = page.locator(".claim-card__statement").first.inner_text()
    assert first == "Claim about the Singapore summit."
    page.get_by_label("Language", exact=True).select_option("id")
    page.get_by_role("button", name="Switch").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Cek fakta"
    context.close()
