"""Junk ``?lang=`` on the pages and feeds that read it, and junk email languages
on the notification settings: a refusal or the default, never a 500 or live markup."""

import pytest
from django.urls import reverse

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "lang", ["\x00", "<script>", "x" * 5000, "id\x00", "zz-ZZ", ""]
)
@pytest.mark.parametrize("path", ["/feeds/rss/", "/feeds/atom/", "/", "/claims/"])
def test_junk_lang(client, path, lang):
    ClaimFactory(published=True)
    r = client.get(path, {"lang": lang})
    assert r.status_code in (200, 400, 404), r.status_code
    assert b"<script>" not in r.content.replace(b"&lt;script&gt;", b"")


@pytest.mark.parametrize("lang", ["\x00", "<b>", "x" * 5000, "id\x00"])
def test_junk_email_language(client, editor, lang):
    client.force_login(editor)
    r = client.post(
        reverse("admin:notification-settings"), {"email": "on", "language": lang}
    )
    assert r.status_code == 200 and "errornote" in r.text
