"""Two app servers, one PostgreSQL, one Redis: what one does, the other shows at once.

Two gunicorn processes under ``config.settings.prod`` (ports of their own) share the
run's test database and a throwaway redis-server, as two machines behind a load
balancer would. Over HTTP, as people use them: an editor signs in on A (password and
authenticator code) and publishes a claim, then corrects it; a reader who asks B sees
each at once, and B's conditional GET never answers 304 for the page before. Five
wrong passwords on A lock the username out on B too. Nothing is timed.

The servers need the test data committed (``transaction=True``) and PostgreSQL: two
processes cannot share the in-memory SQLite of a test run.
"""

from __future__ import annotations

import contextlib
import html
import http.cookiejar
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse

from tests.clients import confirmed_device, totp_now
from tests.factories import ClaimFactory, EvidenceFactory, UserFactory, rating

from .prod import ROOT, prod_env, run
from .servers import Redis, free_port, missing, wait_for_port

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="two server processes must share one database: the test run's SQLite "
        "is in memory (CI runs this on PostgreSQL)",
    ),
]

PASSWORD = "pass-word-123"
LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")
VERIFY = reverse("admin:2fa-verify")


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str


class BehindTLS(http.cookiejar.DefaultCookiePolicy):
    """The load balancer ends TLS: the servers see plain HTTP with
    ``X-Forwarded-Proto: https`` and set Secure cookies, which the browser sends."""

    def __init__(self) -> None:
        super().__init__(secure_protocols=("https", "http"))


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a 302 is an answer to look at
        return None


class Person:
    """One browser. Its cookies go to both servers (same host, other port), as a
    load balancer would send one browser's requests to either."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(
                http.cookiejar.CookieJar(policy=BehindTLS())
            ),
            NoRedirects,
        )

    def request(
        self,
        base: str,
        path: str,
        data: dict[str, object] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        host = urllib.parse.urlsplit(base).netloc
        sent = {"X-Forwarded-Proto": "https", **(headers or {})}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            sent["Origin"] = f"https://{host}"  # what CSRF checks on HTTPS
        request = urllib.request.Request(base + path, data=body, headers=sent)
        try:
            with self.opener.open(request, timeout=120) as answer:
                return Response(
                    answer.status, dict(answer.headers), answer.read().decode()
                )
        except urllib.error.HTTPError as answer:
            return Response(answer.code, dict(answer.headers), answer.read().decode())

    def get(self, base: str, path: str, **headers: str) -> Response:
        return self.request(base, path, headers=headers)

    def submit(self, base: str, path: str, data: dict[str, object]) -> Response:
        """Open the form at ``path`` and post it, with its CSRF token, as a person
        filling it in would."""
        form = self.get(base, path)
        assert form.status == 200, (path, form.status)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
        assert token, form.text[:500]
        return self.request(base, path, {"csrfmiddlewaretoken": token[1], **data})

    def sign_in(self, base: str, username: str, password: str) -> Response:
        return self.submit(
            base, LOGIN, {"username": username, "password": password, "next": INDEX}
        )


def person(username: str, *groups: str):
    """A desk user whose password the servers can check: the test settings' fast
    MD5 hasher, which factories use, is not among production's hashers."""
    user = UserFactory(username=username, groups=list(groups))
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, "two-servers-salt")
    user.save(update_fields=["password"])
    return user


def hidden_version(text: str) -> int:
    match = re.search(r'<input type="hidden" name="version" value="(\d+)"', text)
    assert match, "the form carries the claim's version"
    return int(match[1])


def transition(claim, name: str) -> str:
    return reverse("admin:claims_claim_transition", args=[claim.pk, name])


@pytest.fixture(scope="module")
def shared_redis(tmp_path_factory):
    server = Redis(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory, shared_redis):
    """Base URLs of two gunicorn servers on the run's test database, started once
    for the module (collecting the static files and the first request, which
    imports the whole app, take a while)."""
    tmp_path = tmp_path_factory.mktemp("servers")
    gunicorn = Path(sys.executable).parent / "gunicorn"
    if not gunicorn.exists():
        missing("gunicorn")
    db = connection.settings_dict
    database_url = (
        f"postgres://{urllib.parse.quote(db['USER'] or 'postgres')}"
        + (f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
        + f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    media = tmp_path / "media"
    env = prod_env(
        tmp_path,
        DATABASE_URL=database_url,
        REDIS_URL=shared_redis.url,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_MEDIA_ROOT=str(media),
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_CONN_MAX_AGE="0",
    )
    collected = run(["manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    assert collected.returncode == 0, collected.stderr
    with contextlib.ExitStack() as stack:
        bases = []
        for name in ("A", "B"):
            port = free_port()
            log = stack.enter_context((tmp_path / f"server-{name}.log").open("wb"))
            process = subprocess.Popen(
                [
                    *(str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{port}"),
                    *("--workers", "1", "--threads", "2", "--timeout", "120"),
                    "--no-control-socket",  # else both claim ~/.gunicorn/gunicorn.ctl
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            stack.callback(stop, process)
            bases.append(f"http://127.0.0.1:{port}")
            wait_for_port(port, timeout=60)
        for base in bases:
            health = Person().get(base, "/healthz")
            assert health.status == 200, health.text
        yield bases
    # The uploads and captures of this deployment would be in its storage; the
    # servers themselves wrote nothing under MEDIA_ROOT.
    assert not media.exists() or not any(media.iterdir())


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def test_both_servers_share_the_cache(servers, shared_redis):
    a, b = servers
    for base in (a, b):
        health = Person().get(base, "/healthz")
        assert health.status == 200, health.text
        assert '"cache": {"ok": true}' in health.text
    keys = redis.Redis.from_url(shared_redis.url).keys("claimdesk:*healthz")
    assert keys, "the servers' cache is the shared Redis, not their own memory"


def test_a_publish_and_a_correction_on_one_server_show_on_the_other_at_once(servers):
    a, b = servers
    editor = person("ed", "Editors")
    device = confirmed_device(editor)
    claim = ClaimFactory(in_review=True, statement="Unemployment fell to 3 percent.")
    EvidenceFactory(claim=claim)
    page = claim.get_absolute_url()
    reader = Person()

    assert reader.get(b, page).status == 404  # B has been asked before: no 404 kept

    desk = Person()
    assert desk.sign_in(a, "ed", PASSWORD).status == 302
    assert desk.get(a, INDEX).headers["Location"].startswith(VERIFY)
    verified = desk.submit(a, VERIFY, {"otp_token": totp_now(device), "next": INDEX})
    assert verified.headers.get("Location") == INDEX, verified.text[:500]
    assert desk.get(b, INDEX).status == 200  # the session is the database's

    form = desk.get(a, transition(claim, "publish"))
    published = desk.submit(
        a,
        transition(claim, "publish"),
        {"comment": "", "version": hidden_version(form.text)},
    )
    assert published.status == 302, published.text[:2000]

    shown = reader.get(b, page)
    assert shown.status == 200
    assert "Unemployment fell to 3 percent." in html.unescape(shown.text)
    etag = shown.headers["ETag"]
    assert reader.get(b, page, **{"If-None-Match": etag}).status == 304
    assert reader.get(a, page, **{"If-None-Match": etag}).status == 304  # one ETag

    form = desk.get(a, transition(claim, "correct"))
    corrected = desk.submit(
        a,
        transition(claim, "correct"),
        {
            "note": "The rate was 5.9 percent, not 3.",
            "verdict": rating("false").pk,
            "summary": "Revised.",
            "version": hidden_version(form.text),
        },
    )
    assert corrected.status == 302, corrected.text[:2000]

    stale = reader.get(b, page, **{"If-None-Match": etag})
    assert stale.status == 200  # not 304: the copy a cache holds is out of date
    assert "The rate was 5.9 percent, not 3." in html.unescape(stale.text)
    assert stale.headers["ETag"] != etag
    fresh = reader.get(b, page, **{"If-None-Match": stale.headers["ETag"]})
    assert fresh.status == 304


def test_a_lockout_on_one_server_holds_on_the_other(servers):
    a, b = servers
    person("fc", "Fact-checkers")
    attacker = Person()
    refused = [attacker.sign_in(a, "fc", "wrong-Secret-42").status for _ in range(5)]
    assert refused == [200] * 4 + [429]  # the login page again, then the lock

    locked = Person().sign_in(b, "fc", PASSWORD)

    assert locked.status == 429
    assert "Too many failed sign-ins" in locked.text
    assert locked.headers["Retry-After"] == "900"
