"""Test runs: fast hashing, in-memory email, same database choice as base."""

from .base import *  # noqa: F403
from .base import DATABASES, VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Serve static files from the finders: no collectstatic needed outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Nothing fetches unless a test asks: capture tests turn it on and point MEDIA_ROOT at
# a temporary directory (tests/claims/test_capture.py). Inline, so a test sees the end.
MEDIA_ROOT = VAR_DIR / "test-media"
CLAIMDESK_CAPTURE_ON_ADD = False
CLAIMDESK_CAPTURE_IN_BACKGROUND = False

# On a shared PostgreSQL server the test database keeps the name's prefix
# (cd_x → cd_x_test, not test_cd_x), so each developer's runs stay in their namespace.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["TEST"] = {"NAME": f"{DATABASES['default']['NAME']}_test"}

# Jobs run inline where they are queued (tests/jobs test the real queues).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Claim pages render on every request, so tests can read each response's context;
# tests/public/test_scale.py turns the rendered-page cache on where it is the subject.
CLAIMDESK_PAGE_CACHE_SECONDS = 0
CLAIMDESK_FRAGMENT_CACHE_SECONDS = 0
# Claims are not embedded on save unless a test asks (tests/matching).
CLAIMDESK_MATCH_EMBED_ON_SAVE = False
