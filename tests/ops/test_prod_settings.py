"""config.settings.prod: refuses to start half-configured, passes check --deploy,
and sends the security headers."""

import json
import re

import pytest

from .prod import SECRET, prod_env, run

pytestmark = pytest.mark.filterwarnings("error")


def _without(env, *keys):
    return {key: value for key, value in env.items() if key not in keys}


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = _without(prod_env(tmp_path), "DJANGO_SECRET_KEY")
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set DJANGO_SECRET_KEY for production" in (
        result.stderr
    )


def test_production_refuses_to_start_without_a_database_url(tmp_path):
    env = _without(prod_env(tmp_path), "DATABASE_URL")
    result = run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: Set DATABASE_URL for production" in result.stderr
    assert "CLAIMDESK_ALLOW_SQLITE=true" in result.stderr
    # An empty value is no better than none.
    result = run(["manage.py", "check"], {**env, "DATABASE_URL": ""})
    assert "Set DATABASE_URL for production" in result.stderr


def test_a_single_machine_install_may_opt_in_to_sqlite(tmp_path):
    env = {**_without(prod_env(tmp_path), "DATABASE_URL")}
    env["CLAIMDESK_ALLOW_SQLITE"] = "true"
    result = run(["manage.py", "check"], env)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def _deploy_issues(env):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "CRITICAL"], env)
    assert result.returncode == 0, result.stderr
    return result, sorted(set(re.findall(r"\((\w+\.[A-Z]\d+)\)", result.stderr)))


def test_check_deploy_names_only_the_per_domain_hsts_choices(tmp_path):
    """Left at their defaults, the two choices only the deployer can make (every
    subdomain HTTPS-only? submit to the preload list?) are all that is reported."""
    result, issues = _deploy_issues(prod_env(tmp_path))
    assert issues == ["security.W005", "security.W021"], result.stderr


def test_check_deploy_is_silent_once_the_hsts_choices_are_made(tmp_path):
    env = prod_env(
        tmp_path,
        DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS="true",
        DJANGO_SECURE_HSTS_PRELOAD="true",
    )
    result, issues = _deploy_issues(env)
    assert issues == []
    assert "System check identified no issues" in result.stdout


PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client()
out = {}
for name, kwargs in {
    "https": {"secure": True},
    "http": {},
    "http_home": {},
}.items():
    path = "/" if name == "http_home" else "/healthz"
    r = client.get(path, HTTP_HOST="claims.example", **kwargs)
    out[name] = {"status": r.status_code, "headers": dict(r.headers)}
print(json.dumps(out))
"""


@pytest.fixture(scope="module")
def probed(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("prod")
    result = run(["-c", PROBE], prod_env(tmp_path, DJANGO_LOG_LEVEL="ERROR"))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_responses_carry_the_security_headers(probed):
    headers = probed["https"]["headers"]
    assert headers["Strict-Transport-Security"] == "max-age=2592000"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    policy = headers["Permissions-Policy"]
    assert "camera=()" in policy
    assert "geolocation=()" in policy
    assert "microphone=()" in policy
    assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])


def test_plain_http_is_redirected_except_the_health_check(probed):
    assert probed["http_home"]["status"] == 301
    assert probed["http_home"]["headers"]["Location"] == "https://claims.example/"
    # Not migrated here, so unhealthy, but answered over HTTP, not redirected.
    assert probed["http"]["status"] == 503
    assert "Strict-Transport-Security" not in probed["http"]["headers"]


def test_production_logs_json_lines_on_stdout(tmp_path):
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('claims.services').info('probe', extra={'claim': 7})"
    )
    result = run(["-c", code], prod_env(tmp_path))
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    entry = json.loads(line)
    assert entry["logger"] == "claims.services"
    assert (entry["level"], entry["msg"], entry["claim"]) == ("INFO", "probe", 7)
    assert entry["request_id"] is None
    assert SECRET not in result.stdout + result.stderr
    # key=value stays one env variable away.
    result = run(["-c", code], prod_env(tmp_path, CLAIMDESK_LOG_FORMAT="keyvalue"))
    assert "logger=claims.services msg=probe claim=7" in result.stdout


def test_an_unknown_log_format_is_refused_clearly(tmp_path):
    result = run(["manage.py", "check"], prod_env(tmp_path, CLAIMDESK_LOG_FORMAT="xml"))
    assert result.returncode != 0
    assert "CLAIMDESK_LOG_FORMAT must be one of keyvalue, json, not 'xml'" in (
        result.stderr
    )


def test_production_sends_email_through_the_smtp_server_in_the_environment(tmp_path):
    show = (
        "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, "
        "s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL)"
    )
    env = prod_env(
        tmp_path,
        DJANGO_EMAIL_URL="smtp+tls://desk:secret@smtp.example.org:587",
        DJANGO_DEFAULT_FROM_EMAIL="desk@claims.example",
    )
    result = run(["manage.py", "shell", "-c", show], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "587",
        "desk",
        "True",
        "desk@claims.example",
    ]
