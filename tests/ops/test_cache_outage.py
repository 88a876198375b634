"""A Redis that stops mid-run never takes a page down; the health check says so."""

import logging

import pytest
import redis
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache

from tests.world import world  # noqa: F401

from .servers import Redis


@pytest.fixture
def redis_cache(tmp_path, settings):
    server = Redis(tmp_path)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "ops.cache.ResilientRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
        "plain": {"BACKEND": "django.core.cache.backends.redis.RedisCache"},
    }
    settings.CACHES["plain"]["LOCATION"] = server.url
    yield server
    server.stop()


def pages(world):  # noqa: F811
    return ["/", "/claims/", world.published.get_absolute_url(), "/timeline/"]


def test_pages_stay_up_while_redis_is_down_and_the_cache_recovers(
    client,
    world,  # noqa: F811
    redis_cache,
    caplog,
):
    cache.set("greeting", "halo")
    assert cache.get("greeting") == "halo"
    assert client.get("/healthz").json()["checks"]["cache"] == {"ok": True}
    for url in pages(world):
        assert client.get(url).status_code == 200, url

    redis_cache.stop()
    # Django's own backend raises: this is what the wrapper is for.
    assert isinstance(caches["plain"], RedisCache)
    with pytest.raises(redis.exceptions.ConnectionError):
        caches["plain"].get("greeting")

    with caplog.at_level(logging.WARNING, logger="ops.cache"):
        for url in pages(world):
            assert client.get(url).status_code == 200, url
        assert cache.get("greeting") is None
        assert cache.get("greeting", "fallback") == "fallback"
        assert cache.get_or_set("k", "computed") == "computed"
        cache.set("greeting", "halo")
        cache.delete("greeting")
        assert cache.add("k", 1) is False
        assert cache.get_many(["a", "b"]) == {}
        with pytest.raises(ValueError):
            cache.incr("counter")
        health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["checks"]["cache"] == {
        "ok": False,
        "error": "the cache did not keep a value",
    }
    assert health.json()["checks"]["database"] == {"ok": True}
    warnings = [r for r in caplog.records if r.name == "ops.cache"]
    assert warnings
    assert {r.exception for r in warnings} <= {"ConnectionError", "TimeoutError"}

    redis_cache.start()  # same port: the client reconnects by itself
    assert client.get("/healthz").status_code == 200
    cache.set("greeting", "lagi")
    assert cache.get("greeting") == "lagi"
