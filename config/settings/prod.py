"""Production: every secret from the environment, HTTPS assumed.

Refuses to start without ``DJANGO_SECRET_KEY`` and ``DATABASE_URL``: a production
server that fell back to a throwaway key or to an SQLite file nobody backs up would
look healthy and lose sessions or data. A single-machine install that means to run
on SQLite says so with ``CLAIMDESK_ALLOW_SQLITE=true``.
"""

from django.core.exceptions import ImproperlyConfigured

from config.logformat import logging_settings

from .base import *  # noqa: F403
from .base import LOG_LEVEL, SECRET_KEY, STORAGES, env

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY for production (a long random string, e.g. from "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
    )
if not env.str("DATABASE_URL", default="") and not env.bool(
    "CLAIMDESK_ALLOW_SQLITE", default=False
):
    raise ImproperlyConfigured(
        "Set DATABASE_URL for production (postgres://user:password@host:5432/name), "
        "or CLAIMDESK_ALLOW_SQLITE=true to run a single-machine install on the "
        "SQLite file under var/."
    )

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# The load balancer's health check may come over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": STORAGES["default"],  # DJANGO_STORAGE (config/storage.py)
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Per-domain decisions: only turn these on when every subdomain is HTTPS-only.
# Left off, `check --deploy` names them (security.W005, security.W021).
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False
)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)

# Notifications go through the SMTP server named by DJANGO_EMAIL_URL, e.g.
# smtp+tls://user:password@smtp.example.org:587 (django-environ's email_url).
vars().update(env.email_url("DJANGO_EMAIL_URL", default="smtp://localhost:25"))

# One JSON object per line on stdout, for the platform's log collector.
LOGGING = logging_settings(
    log_format=env.str("CLAIMDESK_LOG_FORMAT", default="json"),
    stream="stdout",
    level=LOG_LEVEL,
)
