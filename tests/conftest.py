import importlib
import os
from pathlib import Path

import pytest

from tests.clients import DeskClient
from tests.factories import UserFactory

MIGRATION_DATA = [
    "claims.migrations.0002_default_rating_scale:create_scale",
    "claims.migrations.0003_fact_checker_and_editor_groups:create_groups",
    "claims.migrations.0020_editors_unlock_sign_ins:grant",
    "claims.migrations.0022_job_permissions:grant",
    "claims.migrations.0032_merging_claim_and_source_merges:grant",
    "claims.migrations.0033_assignments_notifications:grant",
    "claims.migrations.0034_bilingual_translations:grant",
]


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(item.fixturenames))


GUARD = importlib.import_module(
    "claims.migrations.0012_reviewevent_guard_both_databases"
)


def _history_guard(on: bool) -> None:
    """The database refuses to empty the review history; the flush that ends a
    transactional test must. Lift the guard for that flush alone."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "RESET claimdesk.allow_truncate"
                if on
                else "SET claimdesk.allow_truncate = 'on'"
            )
        elif connection.vendor == "sqlite":
            for statement in GUARD.SQLITE_FORWARD if on else GUARD.SQLITE_BACKWARD:
                cursor.execute(statement)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database rolls back between tests,
    and a rendered page or a count kept from another test's data would lie."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """A request in Indonesian leaves Indonesian active in this thread (the locale
    middleware activates it and nothing switches back): start each test in English."""
    from django.utils import translation

    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _migration_data(request):
    """Put back what the data migrations made (the rating scale, the groups) before
    each transactional test: the flush that ends such a test (a browser test, a
    real-concurrency test) empties every table, migration data included."""
    if not _is_transactional(request.node):
        yield
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    _history_guard(on=True)
    for target in MIGRATION_DATA:
        module, function = target.split(":")
        getattr(importlib.import_module(module), function)(apps, None)
    yield
    _history_guard(on=False)


@pytest.fixture
def client():
    """pytest-django's client, whose ``force_login`` passes two-factor sign-in too
    (tests/clients.py)."""
    return DeskClient()


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


# Every securitypolicyviolation event, reported from each page and popup of the
# context through a binding (it survives navigations, unlike a window variable).
_CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolation(
    `${e.violatedDirective} ${e.blockedURI || 'inline'}`
      + ` at ${e.sourceFile}:${e.lineNumber}`
  );
});
"""
_CSP_CONSOLE = ("Content Security Policy", "Content-Security-Policy", "Refused to")


class CSPViolations(list):
    """What the Content-Security-Policy refused in a browser context: each
    securitypolicyviolation event and each console message about one."""

    def __init__(self, page):
        super().__init__()
        self.page = page

    def settle(self) -> "CSPViolations":
        """Let events the page has just fired reach the test."""
        self.page.wait_for_timeout(250)
        return self

    def assert_none(self) -> None:
        assert list(self.settle()) == []


@pytest.fixture
def csp_violations(page):
    """The ``page`` fixture's context, recording what the CSP refuses.

    Call ``csp_violations.assert_none()`` at the end of a test; the fixture checks
    again on the way out, so a test that forgets still fails on a violation."""
    violations = CSPViolations(page)
    context = page.context
    context.expose_binding(
        "__cspViolation", lambda _source, text: violations.append(f"event: {text}")
    )
    context.add_init_script(_CSP_LISTENER)

    def on_console(message):
        if any(words in message.text for words in _CSP_CONSOLE):
            violations.append(f"console {message.type}: {message.text}")

    context.on("console", on_console)
    yield violations
    assert list(violations.settle()) == [], "Content-Security-Policy violations"
