"""Where uploaded and captured files live: ``STORAGES["default"]`` from the environment.

``DJANGO_STORAGE=filesystem`` (the default) keeps them under MEDIA_ROOT, which is
enough for one machine. ``DJANGO_STORAGE=s3`` puts them in a bucket (AWS S3 or any
S3-compatible store: MinIO, Cloudflare R2, ...) through django-storages, so that
several app servers share them and none keeps anything on its own disk. Every
reader and writer goes through Django's storage API (``default_storage``,
``FieldFile.open``), so nothing else changes.
"""

from __future__ import annotations

from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

FILESYSTEM = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"


def default_storage_settings(env: environ.Env) -> dict[str, Any]:
    """The ``STORAGES["default"]`` entry that ``DJANGO_STORAGE`` asks for.

    For ``s3`` the bucket is required (a server writing captures nowhere would look
    healthy and lose them). Files stay private: no ACL is sent (the bucket's policy
    decides, and most S3-compatible stores refuse ACLs), and URLs to them, should
    anything ask for one, are signed and expire. Keys may be left out where the
    platform provides credentials (an instance role), as boto3 finds them itself.
    """
    kind = env.str("DJANGO_STORAGE", default="filesystem").strip().lower()
    if kind in ("", "filesystem"):
        return {"BACKEND": FILESYSTEM}
    if kind != "s3":
        raise ImproperlyConfigured(
            f"DJANGO_STORAGE={kind!r} is not a storage Claimdesk knows: use "
            "'filesystem' (files under DJANGO_MEDIA_ROOT) or 's3' (a bucket, "
            "AWS_STORAGE_BUCKET_NAME)."
        )
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        raise ImproperlyConfigured(
            "DJANGO_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME (and, for an "
            "S3-compatible store such as MinIO or R2, AWS_S3_ENDPOINT_URL)."
        )
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "default_acl": None,
        "querystring_auth": env.bool("AWS_QUERYSTRING_AUTH", default=True),
        "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=300),
        # Like FileSystemStorage: a second file of the same name gets its own name.
        "file_overwrite": False,
    }
    for option, variable in (
        ("endpoint_url", "AWS_S3_ENDPOINT_URL"),
        ("region_name", "AWS_S3_REGION_NAME"),
        ("access_key", "AWS_ACCESS_KEY_ID"),
        ("secret_key", "AWS_SECRET_ACCESS_KEY"),
        ("location", "AWS_LOCATION"),
        ("addressing_style", "AWS_S3_ADDRESSING_STYLE"),
    ):
        value = env.str(variable, default="")
        if value:
            options[option] = value
    return {"BACKEND": S3, "OPTIONS": options}
