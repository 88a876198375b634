"""The Content-Security-Policy header, and the markup it lets run.

What a browser does with the policy is proven in tests/public/test_browser_csp.py
and tests/desk/test_browser_csp.py; here: every page sends it, with a fresh nonce
each time, and nothing we write carries the inline ``style=""`` or ``on…=""``
attributes it would refuse.
"""

import re
from pathlib import Path

import pytest
from django.test import Client

from claims.models import Rating
from tests.clients import DeskClient
from tests.factories import ClaimFactory, SourceFactory, rating

ROOT = Path(__file__).resolve().parent.parent.parent
NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=]+)'")


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part)
    }


@pytest.fixture
def pages(db):
    source = SourceFactory(name="NK News")
    claim = ClaimFactory(published=True, claimant=source, verdict=rating("false"))
    return [
        "/",
        "/claims/?verdict=false",
        claim.get_absolute_url(),
        source.get_absolute_url(),
        "/timeline/",
        "/corrections/",
        "/verdicts.css",
        "/api/claims/",
        "/admin/login/",
    ]


def test_every_page_sends_the_policy(client, pages):
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response)
        assert policy["default-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["base-uri"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert policy["form-action"] == ["'self'"], url
        assert sorted(policy["img-src"]) == ["'self'", "data:"], url
        for name in ("script-src", "style-src"):
            assert policy[name][0] == "'self'", url
            assert NONCE.fullmatch(policy[name][1]), url
            assert "'unsafe-inline'" not in policy[name], url
            assert "'unsafe-eval'" not in policy[name], url
        assert "report-uri" not in policy, url


def test_each_request_gets_a_fresh_nonce(client, pages):
    nonces = []
    for url in pages[:3] * 2:
        header = client.get(url)["Content-Security-Policy"]
        script, style = NONCE.findall(header)
        assert script == style  # one nonce per response, for both directives
        nonces.append(script)
    assert len(set(nonces)) == len(nonces)


def test_the_desk_sends_the_policy_when_signed_in(editor):
    desk = DeskClient()
    desk.force_login(editor)
    first = desk.get("/admin/claims/claim/")
    second = desk.get("/admin/claims/claim/")
    assert first.status_code == second.status_code == 200
    assert NONCE.findall(first["Content-Security-Policy"]) != NONCE.findall(
        second["Content-Security-Policy"]
    )


def test_the_report_address_comes_from_settings(client, db, settings):
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "report-uri": "https://reports.example/csp",
        }
    }
    assert directives(client.get("/"))["report-uri"] == ["https://reports.example/csp"]


@pytest.mark.django_db
def test_the_500_page_styles_itself_with_the_nonce(monkeypatch):
    from public import views

    monkeypatch.setattr(views.HomeView, "get", lambda *a, **k: 1 / 0)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    (nonce,) = set(NONCE.findall(response["Content-Security-Policy"]))
    assert f'<style nonce="{nonce}">' in response.content.decode()


# --- Verdict colours: a stylesheet, not style attributes ----------------------------


def test_verdict_colours_come_from_a_stylesheet(client, db):
    Rating.objects.filter(slug="false").update(colour="#aa0011")
    claim = ClaimFactory(published=True, verdict=rating("false"))
    page = client.get(claim.get_absolute_url()).content.decode()
    assert '<link rel="stylesheet" href="/verdicts.css">' in page
    assert '<span class="verdict verdict--false">' in page
    assert "--verdict-colour" not in page

    css = client.get("/verdicts.css")
    assert css["Content-Type"] == "text/css; charset=utf-8"
    assert ".verdict--false { --verdict-colour: #aa0011; }" in css.content.decode()
    assert "public" in css["Cache-Control"]


def test_a_colour_that_is_no_colour_never_reaches_the_stylesheet(client, db):
    # Written past the model's validation, as a raw UPDATE or an old row could be.
    # (seven characters at most: PostgreSQL holds the column to its length)
    Rating.objects.filter(slug="false").update(colour="};*{x:")
    css = client.get("/verdicts.css").content.decode()
    assert ".verdict--false" not in css
    assert "*{x:" not in css
    assert ".verdict--true {" in css


def test_the_stylesheet_answers_only_reads(client, db):
    assert client.post("/verdicts.css").status_code == 405


# --- No inline style or event-handler attribute anywhere we write markup ------------

INLINE_ATTRIBUTE = re.compile(r"""\s(style|on[a-z]+)\s*=\s*["'{]""", re.IGNORECASE)
TEMPLATE_DIRS = [ROOT / "templates", *ROOT.glob("*/templates")]
CODE_DIRS = ["claims", "desk", "public", "api", "ingest", "ops", "config"]


def test_no_template_has_an_inline_style_or_handler_attribute():
    templates = [p for d in TEMPLATE_DIRS for p in d.rglob("*") if p.is_file()]
    assert len(templates) > 20
    offenders = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in templates
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if INLINE_ATTRIBUTE.search(line)
    ]
    assert offenders == []


def test_no_html_built_in_python_has_an_inline_style_or_handler_attribute():
    sources = [
        p
        for d in CODE_DIRS
        for p in (ROOT / d).rglob("*.py")
        if "migrations" not in p.parts
    ]
    offenders = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sources
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if "<" in line and INLINE_ATTRIBUTE.search(line)
    ]
    assert offenders == []


def test_the_attribute_check_can_fail():
    assert INLINE_ATTRIBUTE.search('<div style="padding: 8px">')
    assert INLINE_ATTRIBUTE.search("<a href=# onclick='go()'>")
    assert INLINE_ATTRIBUTE.search('<span class="x" onMouseOver="y">')
    assert not INLINE_ATTRIBUTE.search('<td class="field-style">{{ style }}</td>')
    assert not INLINE_ATTRIBUTE.search('<input name="online">')
