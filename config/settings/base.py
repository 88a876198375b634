"""Settings shared by every environment.

Values come from ``DJANGO_*`` environment variables (and an optional ``.env`` file, see
``.env.example``); each environment module only changes what differs.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "desk.apps.ClaimdeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "simple_history",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "claims",
    "desk.apps.DeskConfig",
    "public",
    "api",
    "ingest",
]

MIDDLEWARE = [
    "config.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.middleware.RefuseNulMiddleware",  # after locale: its 400 is translated
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# SQLite under var/ is the embedded default; DATABASE_URL=postgres://... switches.
# An empty DATABASE_URL counts as unset.
DATABASE_URL = env.str("DATABASE_URL", default="") or (
    f"sqlite:///{VAR_DIR / 'claimdesk.sqlite3'}"
)
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
else:
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("id", "Bahasa Indonesia")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Uploaded and captured files. Nothing serves MEDIA_URL: captured pages are handed out
# only by the public download view, as attachments (never as live markup).
MEDIA_ROOT = env.str("DJANGO_MEDIA_ROOT", default="") or VAR_DIR / "media"
MEDIA_URL = "media/"

LOGIN_URL = "admin:login"

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Claimdesk public API",
    "DESCRIPTION": "Read-only access to published fact-checks.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

# Languages offered by the admin's claim language filter (claims may use any BCP 47).
CLAIMDESK_CONTENT_LANGUAGES = [
    ("en", "English"),
    ("id", "Indonesian"),
    ("ms", "Malay"),
    ("es", "Spanish"),
    ("fr", "French"),
]

# Candidates the importer scores at least this check-worthy (0-1) start ticked on
# the review screen; the rest start unticked and dimmed.
CLAIMDESK_CHECKWORTHINESS_THRESHOLD = 0.3

# Public site identity, used in ClaimReview JSON-LD, feeds and Open Graph tags.
CLAIMDESK_SITE_NAME = env.str("DJANGO_SITE_NAME", default="Claimdesk")
CLAIMDESK_SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000")

# Evidence capture (claims.capture): adding evidence with a URL fetches the page after
# the commit and keeps it as a WARC file. In a background thread by default, so that
# saving in the admin never waits for a slow site; run inline where there are no
# threads to spare (and in tests). ``capture_evidence`` picks up what is left.
CLAIMDESK_CAPTURE_ON_ADD = env.bool("DJANGO_CAPTURE_ON_ADD", default=True)
CLAIMDESK_CAPTURE_IN_BACKGROUND = env.bool("DJANGO_CAPTURE_IN_BACKGROUND", default=True)
CLAIMDESK_CAPTURE_TIMEOUT = env.float("DJANGO_CAPTURE_TIMEOUT", default=10.0)
CLAIMDESK_CAPTURE_MAX_BYTES = env.int("DJANGO_CAPTURE_MAX_BYTES", default=10_000_000)
# Networks a capture may reach although they are not public (CIDR, e.g. 10.0.0.0/8):
# loopback, private and link-local addresses are refused otherwise (no SSRF).
CLAIMDESK_CAPTURE_ALLOWED_NETWORKS = env.list(
    "DJANGO_CAPTURE_ALLOWED_NETWORKS", default=[]
)
CLAIMDESK_CAPTURE_USER_AGENT = env.str(
    "DJANGO_CAPTURE_USER_AGENT",
    default="Claimdesk-evidence-capture/1",
)

# One line per record on stderr, as key=value pairs (config/logformat.py): time,
# level, logger, msg, then the record's extra fields. Each app logs under its own
# name (logging.getLogger(__name__): claims.services, desk.signals, ingest.failures,
# config.middleware, ...). Production keeps this; tests too (caplog reads it).
LOG_LEVEL = env.str("DJANGO_LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"keyvalue": {"()": "config.logformat.KeyValueFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "keyvalue",
        }
    },
    # Other libraries only from WARNING up; the apps at DJANGO_LOG_LEVEL.
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        app: {"level": LOG_LEVEL}
        for app in ("claims", "desk", "public", "api", "ingest", "config")
    },
}

# Segregation of duties (OWASP ASVS 4.3.3): the editor who publishes a claim cannot
# be the person who researched and submitted it. Turn off for a one-person desk.
CLAIMDESK_SEPARATE_REVIEW = env.bool("DJANGO_SEPARATE_REVIEW", default=True)
