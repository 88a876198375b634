"""Settings shared by every environment.

Values come from ``DJANGO_*`` environment variables (and an optional ``.env`` file, see
``.env.example``); each environment module only changes what differs.
"""

import datetime as dt
import json
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

from config.logformat import logging_settings
from config.storage import default_storage_settings

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
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "claims",
    "desk.apps.DeskConfig",
    "public",
    "api",
    "ingest",
    "interop",
    "matching",
    "ops",
]

MIDDLEWARE = [
    # Outermost: every response and log line, a 503 or a 500 included, has an id.
    "ops.requestid.RequestIdMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    "config.middleware.PublicStatementTimeoutMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "ops.security.PermissionsPolicyMiddleware",
    "ops.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.middleware.RefuseNulMiddleware",  # after locale: its 400 is translated
    "config.middleware.QueryLanguageMiddleware",  # ?lang=id: a URL per language
    "django.middleware.common.CommonMiddleware",
    "config.middleware.RequestSiteUrlMiddleware",  # after common: the host is checked
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "desk.sessions.SessionExpiryMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "desk.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a refused, locked-out login into its page.
    "axes.middleware.AxesMiddleware",
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
                "csp.context_processors.nonce",
            ],
        },
    },
]

# Django's form templates, with the one-line widget templates written out in Python
# (config/forms.py): the desk's claim page renders some 250 of them.
FORM_RENDERER = "config.forms.FastDjangoTemplates"

WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

# SQLite under var/ is the embedded default; DATABASE_URL=postgres://... switches.
# An empty DATABASE_URL counts as unset.
DATABASE_URL = env.str("DATABASE_URL", default="") or (
    f"sqlite:///{VAR_DIR / 'claimdesk.sqlite3'}"
)
DATABASES = {"default": env.db_url_config(DATABASE_URL)}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Connections are kept between requests on SQLite too: a new SQLite connection
# registers Django's functions and parses the whole schema on its first statement,
# which cost more than a cached claim page takes to serve.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
# Prepared statements on PostgreSQL: a query a connection has run this many times
# is prepared (psycopg, with server-side binding), so PostgreSQL stops planning it
# anew; planning was four fifths of the desk's claim page's time in the database
# at a million claims (3.8 ms of 4.8). 0 turns it off, as a connection pooler in
# transaction mode needs (PgBouncer before 1.21); so does a negative number.
DB_PREPARE_THRESHOLD = env.int("DJANGO_DB_PREPARE_THRESHOLD", default=5)


def prepared_statements(database: dict) -> dict:
    if (
        database["ENGINE"] == "django.db.backends.postgresql"
        and DB_PREPARE_THRESHOLD > 0
    ):
        database.setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=DB_PREPARE_THRESHOLD
        )
    return database


prepared_statements(DATABASES["default"])

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rendered claim pages and the home page's counts (public/caching.py) live in the
# cache (CACHES, below): with the in-process cache each process keeps its own, and
# counts lag by CLAIMDESK_FACET_CACHE_SECONDS at most; Redis shares them.
CLAIMDESK_FACET_CACHE_SECONDS = env.int("DJANGO_FACET_CACHE_SECONDS", default=600)
CLAIMDESK_PAGE_CACHE_SECONDS = env.int("DJANGO_PAGE_CACHE_SECONDS", default=86400)
# Rendered claim cards (public/caching.py), keyed by the claim's page version.
CLAIMDESK_FRAGMENT_CACHE_SECONDS = env.int(
    "DJANGO_FRAGMENT_CACHE_SECONDS", default=86400
)
# Each SQL statement of a public GET on PostgreSQL may run this long
# (config/middleware.py); 0 turns the limit off.
CLAIMDESK_PUBLIC_STATEMENT_TIMEOUT_MS = env.int(
    "DJANGO_PUBLIC_STATEMENT_TIMEOUT_MS", default=2000
)

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
# One date style per language: "23 October 2015" / "23 Oktober 2015" (config/formats).
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "static/"
# Where collectstatic puts the files whitenoise serves (production reads them there).
STATIC_ROOT = env.str("DJANGO_STATIC_ROOT", default="") or BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]

# Uploaded and captured files. Nothing serves MEDIA_URL: captured pages are handed out
# only by the public download view, as attachments (never as live markup).
MEDIA_ROOT = env.str("DJANGO_MEDIA_ROOT", default="") or VAR_DIR / "media"
MEDIA_URL = "media/"
# On local disk under MEDIA_ROOT by default; DJANGO_STORAGE=s3 keeps them in a bucket
# (config/storage.py), which several app servers must share (README "Several app
# servers").
STORAGES = {
    "default": default_storage_settings(env),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGIN_URL = "admin:login"

# --- Accounts: sign-in throttling, two-factor sign-in, session lifetime -----------
# django-axes counts failed sign-ins per username *and* client address, so one
# attacker behind a newsroom's NAT cannot lock the whole newsroom out; a lockout
# lasts DJANGO_LOGIN_COOLOFF_MINUTES, then lifts by itself (or an editor unlocks it in
# the admin, "Sign-in attempts").
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = dt.timedelta(
    minutes=env.int("DJANGO_LOGIN_COOLOFF_MINUTES", default=15)
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "desk.lockout.lockout_response"
# axes' own lines ("New login failure by", "Locking out") name the username and
# address instead of masking them; they never hold the password.
AXES_SENSITIVE_PARAMETERS: list[str] = []
# How many reverse proxies that append to X-Forwarded-For stand in front of the app
# (0: none, REMOTE_ADDR is the client). desk.clientip reads the address they saw;
# the ipware settings axes offers count proxies inside the header, which a
# one-proxy deployment (nginx adding $remote_addr) cannot express, so axes asks
# desk.clientip instead, and so does the log of refused logins.
CLAIMDESK_TRUSTED_PROXIES = env.int("DJANGO_TRUSTED_PROXIES", default=0)
AXES_CLIENT_IP_CALLABLE = "desk.clientip.client_ip"

# Two-factor sign-in to the desk (django-otp: an authenticator app, TOTP, plus ten
# single-use recovery codes). Superusers and members of these groups must enrol
# before the desk opens for them; anyone else may. Anyone with a device must use it.
CLAIMDESK_2FA_REQUIRED_GROUPS = env.list(
    "DJANGO_2FA_REQUIRED_GROUPS", default=["Editors"]
)
CLAIMDESK_2FA_ENFORCED = env.bool("DJANGO_2FA_ENFORCED", default=True)
OTP_TOTP_ISSUER = env.str("DJANGO_SITE_NAME", default="Claimdesk")

# A desk session ends after DJANGO_SESSION_IDLE_HOURS without a request, and
# DJANGO_SESSION_MAX_HOURS after sign-in whatever happens (desk.sessions).
CLAIMDESK_SESSION_IDLE = dt.timedelta(
    hours=env.float("DJANGO_SESSION_IDLE_HOURS", default=8)
)
CLAIMDESK_SESSION_MAX_AGE = dt.timedelta(
    hours=env.float("DJANGO_SESSION_MAX_HOURS", default=24)
)
SESSION_COOKIE_AGE = int(CLAIMDESK_SESSION_MAX_AGE.total_seconds())

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
    # /api/docs/: Swagger UI from drf-spectacular-sidecar's static files, not a CDN;
    # no validator badge (it would fetch an image from swagger.io).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

# Languages offered by the admin's claim language filter (claims may use any BCP 47).
CLAIMDESK_CONTENT_LANGUAGES = [
    ("en", "English"),
    ("id", "Indonesian"),
    ("ms", "Malay"),
    ("es", "Spanish"),
    ("fr", "French"),
]

# Candidates the importer scores at least this check-worthy (0-1) are "suggested"
# and start ticked on the review screen; the rest start unticked and dimmed. The
# default is the threshold chosen by cross-validation with the learned weights
# (ingest/data/checkworthiness.json, ``python -m ingest.train_checkworthiness``).
CLAIMDESK_CHECKWORTHINESS_THRESHOLD = float(
    json.loads(
        (BASE_DIR / "ingest" / "data" / "checkworthiness.json").read_text("utf-8")
    )["threshold"]
)
# Seconds a review screen of the importer stays valid: its signed analysis is
# refused after that, and the fact-checker imports the article again.
CLAIMDESK_IMPORT_REVIEW_MAX_AGE = env.int("DJANGO_IMPORT_REVIEW_MAX_AGE", default=3600)

# Public site identity, used in ClaimReview JSON-LD, feeds and Open Graph tags.
CLAIMDESK_SITE_NAME = env.str("DJANGO_SITE_NAME", default="Claimdesk")
CLAIMDESK_SITE_URL = env.str("DJANGO_SITE_URL", default="http://127.0.0.1:8000")
# A TrueType font for the share cards (public/sharecard.py); Pillow's own if unset.
CLAIMDESK_SHARE_CARD_FONT = env.str("DJANGO_SHARE_CARD_FONT", default="")
# Absolute links follow the request's host instead (development: see dev.py).
CLAIMDESK_SITE_URL_FROM_REQUEST = env.bool(
    "DJANGO_SITE_URL_FROM_REQUEST", default=False
)

# Email: the desk's notifications (assignments, send-backs, publications, missed
# due dates). Printed on the console unless configured; production reads its SMTP
# server from DJANGO_EMAIL_URL (config/settings/prod.py).
EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="claimdesk@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=10)
# How long the desk's dashboard keeps its figures (seconds): they are computed
# at most once per window in that time.
CLAIMDESK_DASHBOARD_CACHE_SECONDS = env.int(
    "DJANGO_DASHBOARD_CACHE_SECONDS", default=300
)

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

# One line per record, as key=value pairs (config/logformat.py) or, with
# CLAIMDESK_LOG_FORMAT=json (production's default), one JSON object: time, level,
# logger, msg, the request id while a request is served, then the record's extra
# fields. Each app logs under its own name (logging.getLogger(__name__):
# claims.services, desk.signals, ingest.failures, config.middleware, ...). On stderr
# here and in tests (caplog reads it); on stdout in production.
LOG_LEVEL = env.str("DJANGO_LOG_LEVEL", default="INFO")
LOG_FORMAT = env.str("CLAIMDESK_LOG_FORMAT", default="keyvalue")
LOGGING = logging_settings(log_format=LOG_FORMAT, stream="stderr", level=LOG_LEVEL)

# Django's cache: Redis when REDIS_URL is set (redis://host:6379/0), else memory of
# this process. An unreachable Redis is a miss, never an error (ops/cache.py), and
# costs at most the short timeouts below.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "ops.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "claimdesk",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Browser features no page uses, refused to every frame (ops/security.py).
CLAIMDESK_PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Content-Security-Policy (django-csp): scripts and styles come from our own origin,
# or from an inline <script>/<style> element that carries the request's nonce
# ({{ CSP_NONCE }} in templates); no style="" or on…="" attribute runs anywhere.
# Every response names a fresh nonce (ops.security.ContentSecurityPolicyMiddleware).
# Public pages use none (a shared cache or a 304 would pair an old page with a new
# nonce): their verdict colours come from the /verdicts.css stylesheet instead.
# DJANGO_CSP_REPORT_URI, if set, is where browsers report what the policy blocked.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "report-uri": env.str("DJANGO_CSP_REPORT_URI", default="") or None,
    },
}

# Segregation of duties (OWASP ASVS 4.3.3): the editor who publishes a claim cannot
# be the person who researched and submitted it. Turn off for a one-person desk.
CLAIMDESK_SEPARATE_REVIEW = env.bool("DJANGO_SEPARATE_REVIEW", default=True)

# --- Job queue (claims.services.jobs, claims.tasks) ----------------------------------
# Slow work (captures, large imports, bulk actions) runs in a worker. By default the
# queue is a database table (django-tasks-db): `manage.py db_worker` beside the
# server, no other service. To scale out, DJANGO_TASKS_BACKEND=rq with REDIS_URL
# queues in Redis and `manage.py rqworker --job-class django_tasks_rq.Job default`
# runs workers on any machine that reaches Redis and the database.
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
TASKS_BACKEND = env.str("DJANGO_TASKS_BACKEND", default="database")
TASKS_REDIS_URL = env.str("REDIS_URL", default="") or "redis://127.0.0.1:6379/0"
if TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {"default": {"URL": TASKS_REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
# Bulk actions on more claims than this, and uploads larger than this, run as jobs.
CLAIMDESK_BULK_JOB_THRESHOLD = env.int("DJANGO_BULK_JOB_THRESHOLD", default=500)
CLAIMDESK_IMPORT_JOB_BYTES = env.int("DJANGO_IMPORT_JOB_BYTES", default=200_000)

# --- Read replica (config.routers) ---------------------------------------------------
# DATABASE_REPLICA_URL: anonymous GET/HEAD requests to the public site and the API
# read from this copy of the primary; the admin, sessions and every write use default.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = prepared_statements(env.db_url_config(DATABASE_REPLICA_URL))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
    MIDDLEWARE += ["config.routers.PublicReadsMiddleware"]

# --- Exchanging fact-checks (interop) ---
# import_claimreview refuses a file bigger than this, before reading it.
CLAIMDESK_IMPORT_MAX_BYTES = env.int("DJANGO_IMPORT_MAX_BYTES", default=10_000_000)
# Another fact-checker's rating label (as normalised: lower case, no accents or
# punctuation) → the slug of ours it means. Labels not here are matched against our
# own ratings' labels and translations, then by ratingValue's place on their scale.
CLAIMDESK_RATING_MAP: dict[str, str] = {
    # English
    "false": "false",
    "fake": "false",
    "incorrect": "false",
    "pants on fire": "false",
    "pants fire": "false",  # PolitiFact's slug (LIAR: "pants-fire")
    "barely true": "mostly-false",
    "true": "true",
    "correct": "true",
    "accurate": "true",
    "mostly true": "mostly-true",
    "mostly false": "mostly-false",
    "partly false": "mostly-false",
    "partially false": "mostly-false",
    "half true": "mixed",
    "mixture": "mixed",
    "mixed": "mixed",
    "misleading": "misleading",
    "missing context": "misleading",
    "out of context": "misleading",
    "altered": "false",
    "unproven": "unproven",
    "unverified": "unproven",
    "unsupported": "unproven",
    # Indonesian
    "salah": "false",
    "hoaks": "false",
    "hoax": "false",
    "keliru": "false",
    "benar": "true",
    "menyesatkan": "misleading",
    "sebagian benar": "mixed",
    "sebagian besar benar": "mostly-true",
    "sebagian besar salah": "mostly-false",
    "sebagian salah": "mostly-false",
    "campuran": "mixed",
    "belum terbukti": "unproven",
    "tidak terbukti": "unproven",
    # Spanish
    "falso": "false",
    "falsa": "false",
    "verdadera": "true",
    "verdadero": "true",
    "cierto": "true",
    "enganoso": "misleading",
    "enganosa": "misleading",
    "mayormente falso": "mostly-false",
    "parcialmente falso": "mostly-false",
    "mayormente verdadero": "mostly-true",
    "mayormente cierto": "mostly-true",
    "medio verdadero": "mixed",
    "mixto": "mixed",
    "sin pruebas": "unproven",
    "inverificable": "unproven",
    "no verificable": "unproven",
}

# --- Matching claims (matching) ------------------------------------------------------
# Scores are calibrated probabilities that a candidate states the same claim
# (matching.scoring), fitted and checked on tests/data/matching (evaluate_matching).
# At or above "suggest" the desk lists a claim as a possible duplicate; at or above
# "same" it is offered as the same claim.
CLAIMDESK_MATCH_SUGGEST = env.float("DJANGO_MATCH_SUGGEST", default=0.60)
CLAIMDESK_MATCH_SAME = env.float("DJANGO_MATCH_SAME", default=0.69)
# Re-embed a claim in the background when it is captured or its statement edited.
CLAIMDESK_MATCH_EMBED_ON_SAVE = env.bool("DJANGO_MATCH_EMBED_ON_SAVE", default=True)
# Candidates read from the embedding index and from the words, before scoring.
CLAIMDESK_MATCH_CANDIDATES = 30
CLAIMDESK_MATCH_LEXICAL_CANDIDATES = 10
# pg_trgm's % finds candidates while claims_claim has fewer rows than this (past
# it a trigram scan costs seconds; the full-text and embedding candidates remain).
CLAIMDESK_MATCH_TRIGRAM_LIMIT = env.int("DJANGO_MATCH_TRIGRAM_LIMIT", default=200_000)
# Each lexical candidate query (full text, trigram) is given this long (ms) on
# PostgreSQL, after which it is cancelled and its candidates skipped.
CLAIMDESK_MATCH_LEXICAL_MS = env.int("DJANGO_MATCH_LEXICAL_MS", default=30)
# Up to this many vectors the index keeps them in memory and compares every one;
# past it, 384-bit codes in memory pick CLAIMDESK_MATCH_PREFILTER to compare exactly.
CLAIMDESK_MATCH_EXACT_LIMIT = env.int("DJANGO_MATCH_EXACT_LIMIT", default=100_000)
CLAIMDESK_MATCH_PREFILTER = 400
# OpenMP threads of the embedding model (per process).
CLAIMDESK_MATCH_THREADS = env.int("DJANGO_MATCH_THREADS", default=1)
