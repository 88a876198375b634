"""/healthz: what a load balancer asks before sending readers to this server."""

import pytest
from django.db import OperationalError, connections
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db


def test_a_healthy_server_answers_200_with_each_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "checks": {
            "database": {"ok": True},
            "cache": {"ok": True},
            "migrations": {"ok": True},
        },
    }


def test_it_is_never_cached(client):
    response = client.get("/healthz")
    cache_control = response["Cache-Control"]
    for directive in ("no-cache", "no-store", "must-revalidate", "max-age=0"):
        assert directive in cache_control
    assert "public" not in cache_control


def test_only_reads_are_allowed(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_unapplied_migrations_make_it_unhealthy(client, monkeypatch):
    monkeypatch.setattr(
        MigrationExecutor, "migration_plan", lambda self, targets: [("m", False)] * 2
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["migrations"] == {
        "ok": False,
        "error": "2 unapplied migrations",
    }
    assert body["checks"]["database"] == {"ok": True}


def test_a_database_outage_is_reported_without_its_message(client, monkeypatch):
    secret = "connection to 10.1.2.3 failed: password authentication for hunter2"

    def refuse(*args, **kwargs):
        raise OperationalError(secret)

    monkeypatch.setattr(connections["default"], "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"] == {"ok": False, "error": "OperationalError"}
    assert checks["migrations"]["ok"] is False
    assert checks["cache"] == {"ok": True}
    body = response.content.decode()
    for leaked in ("10.1.2.3", "hunter2", "password"):
        assert leaked not in body


def test_a_cache_that_keeps_nothing_is_reported(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == {
        "ok": False,
        "error": "the cache did not keep a value",
    }
