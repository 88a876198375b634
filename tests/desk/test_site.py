"""The desk's admin site: Django's page context, with the app list read lazily."""

import pytest
from django.contrib import admin
from django.contrib.admin import AdminSite
from django.test import RequestFactory

from desk.site import ClaimdeskAdminSite

pytestmark = pytest.mark.django_db


def test_each_context_is_djangos_with_a_lazy_app_list(editor):
    request = RequestFactory().get("/admin/")
    request.user = editor
    ours = admin.site.each_context(request)
    djangos = AdminSite.each_context(admin.site, request)

    assert ours.keys() == djangos.keys()  # a Django upgrade that adds a key fails here
    assert list(ours["available_apps"]) == djangos["available_apps"]
    assert list(ours["log_entries"]) == list(djangos["log_entries"])
    plain = ours.keys() - {"available_apps", "log_entries"}
    assert {k: ours[k] for k in plain} == {k: djangos[k] for k in plain}


def test_desk_pages_skip_the_app_list(client, editor, monkeypatch):
    """The app list asks every model admin for its permissions: a plain desk page
    that shows no navigation never builds it."""
    client.force_login(editor)
    calls = []
    original = ClaimdeskAdminSite.get_app_list

    def counting(site, request, app_label=None):
        calls.append(request.path)
        return original(site, request, app_label)

    monkeypatch.setattr(ClaimdeskAdminSite, "get_app_list", counting)
    assert client.get("/admin/password_change/").status_code == 200
    assert client.get("/admin/claims/claim/").status_code == 200
    assert calls == []
    assert client.get("/admin/").status_code == 200  # the index lists the apps
    assert calls
