"""Public reads from the replica (``DATABASE_REPLICA_URL``), everything else primary.

``PublicReadsMiddleware`` marks an anonymous GET or HEAD request outside /admin/ as a
public read; while it runs, ``ReplicaRouter`` sends reads to "replica". Writes, the
admin, signed-in users (who expect to see what they just saved) and code outside a
request (commands, workers) always use "default".
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

_public_read: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "claimdesk_public_read", default=False
)

REPLICA = "replica"


class ReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str | None:
        return REPLICA if _public_read.get() else "default"

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica is a copy of default: the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == "default"


class PublicReadsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _is_public_read(request):
            return self.get_response(request)
        token = _public_read.set(True)
        try:
            return self.get_response(request)
        finally:
            _public_read.reset(token)


def _is_public_read(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or request.path.startswith("/admin/"):
        return False
    user = getattr(request, "user", None)  # read on default: the flag is not set yet
    return not (user is not None and user.is_authenticated)
