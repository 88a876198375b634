"""Local development: debug on, a fixed throwaway key, localhost only."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-insecure-key-change-me")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# Serve static files from the finders: no collectstatic needed outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The demo's users (load_demo) sign in with a password alone unless asked otherwise;
# a device someone enrols is still asked for.
CLAIMDESK_2FA_ENFORCED = env.bool("DJANGO_2FA_ENFORCED", default=False)

# Absolute links (feeds, JSON-LD, sitemap, API) follow the host a page was asked on,
# so `make run PORT=8123` links to 8123; unless DJANGO_SITE_URL names the site.
CLAIMDESK_SITE_URL_FROM_REQUEST = env.bool(
    "DJANGO_SITE_URL_FROM_REQUEST", default=not env.str("DJANGO_SITE_URL", default="")
)
