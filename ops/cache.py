"""Django's RedisCache, except that an unreachable Redis is a miss, not an error.

The cache only ever saves work: with Redis stopped, ``get`` returns the default,
``set``/``add``/``delete`` do nothing (``add`` says it stored nothing), ``incr`` raises
the ValueError of a missing key, and one warning is logged per failed call. Pages
then run as if the cache were cold. Connection and socket timeouts come from
``OPTIONS`` (the settings keep them short, so a dead Redis costs milliseconds).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
F = TypeVar("F", bound=Callable[..., Any])


def _miss(fallback: Callable[..., Any]) -> Callable[[F], F]:
    def decorate(method: F) -> F:
        @functools.wraps(method)
        def wrapper(self: RedisCache, *args: Any, **kwargs: Any) -> Any:
            try:
                return method(self, *args, **kwargs)
            except UNAVAILABLE as exc:
                logger.warning(
                    "cache unavailable",
                    extra={
                        "event": "cache_unavailable",
                        "operation": method.__name__,
                        "exception": type(exc).__name__,
                    },
                )
                return fallback(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def _none(*args: Any, **kwargs: Any) -> None:
    return None


def _false(*args: Any, **kwargs: Any) -> bool:
    return False


def _default(key: Any, default: Any = None, *args: Any, **kwargs: Any) -> Any:
    return default


def _empty(*args: Any, **kwargs: Any) -> dict[Any, Any]:
    return {}


def _not_set(data: Any, *args: Any, **kwargs: Any) -> list[Any]:
    return list(data)


def _missing(key: Any, *args: Any, **kwargs: Any) -> int:
    raise ValueError(f"Key {key!r} not found.")


class ResilientRedisCache(RedisCache):
    get = _miss(_default)(RedisCache.get)
    get_many = _miss(_empty)(RedisCache.get_many)
    has_key = _miss(_false)(RedisCache.has_key)
    add = _miss(_false)(RedisCache.add)
    set = _miss(_none)(RedisCache.set)
    set_many = _miss(_not_set)(RedisCache.set_many)
    touch = _miss(_false)(RedisCache.touch)
    delete = _miss(_false)(RedisCache.delete)
    delete_many = _miss(_none)(RedisCache.delete_many)
    incr = _miss(_missing)(RedisCache.incr)
    clear = _miss(_false)(RedisCache.clear)
