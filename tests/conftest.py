import os
from pathlib import Path

import pytest

from tests.factories import UserFactory


def pytest_collection_modifyitems(items):
    """Give every transactional test a serialized rollback.

    A transactional test (a browser test, a real-concurrency test) ends by flushing
    the database, which would take the groups and the rating scale made by data
    migrations away from every test after it. With serialized rollback each such test
    starts from the migrated state instead.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None:
            if marker.kwargs.get("transaction") and not marker.kwargs.get(
                "serialized_rollback"
            ):
                item.add_marker(
                    pytest.mark.django_db(
                        *marker.args, **{**marker.kwargs, "serialized_rollback": True}
                    ),
                    append=False,
                )
        elif {"transactional_db", "live_server"} & set(item.fixturenames):
            item.fixturenames.append("django_db_serialized_rollback")


@pytest.fixture
def fact_checker(db):
    return UserFactory(username="fc", groups=["Fact-checkers"])


@pytest.fixture
def editor(db):
    return UserFactory(username="ed", groups=["Editors"])


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True)


@pytest.fixture
def outsider(db):
    """Staff account in no group: may log in to the admin, may do nothing."""
    return UserFactory(username="nobody")


# --- Browser tests ------------------------------------------------------------------
# Playwright drives Debian's Chromium (/usr/bin/chromium); it cannot download its own.
# Its sync API runs an event loop, so Django must allow sync ORM calls under it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("CLAIMDESK_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: .ci/run should have installed it")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser context; a screenshot lands in test-artifacts/ on the way out."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()
