"""The load balancer's health check and the server-error page."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .requestid import current_request_id

logger = logging.getLogger(__name__)


class CheckFailed(Exception):
    """A check that ran and found something wrong; its message is safe to show."""


def _database() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise CheckFailed("SELECT 1 answered something else")


def _cache() -> None:
    key, token = "claimdesk:healthz", uuid.uuid4().hex
    cache.set(key, token, timeout=30)
    if cache.get(key) != token:
        raise CheckFailed("the cache did not keep a value")


def _migrations() -> None:
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise CheckFailed(f"{len(plan)} unapplied migrations")


CHECKS: dict[str, Callable[[], None]] = {
    "database": _database,
    "cache": _cache,
    "migrations": _migrations,
}


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, the cache keeps a value and every migration is
    applied; 503 otherwise. The body names each check; a failure gives only its
    exception class (or a count of migrations), never a message that could carry a
    host name, a password or SQL."""
    results: dict[str, dict[str, object]] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except CheckFailed as exc:
            results[name] = {"ok": False, "error": str(exc)}
        except Exception as exc:
            results[name] = {"ok": False, "error": type(exc).__name__}
        else:
            results[name] = {"ok": True}
    healthy = all(result["ok"] for result in results.values())
    if not healthy:
        failed = [name for name, result in results.items() if not result["ok"]]
        logger.warning(
            "health check failed",
            extra={"event": "healthz_failed", "checks": ",".join(failed)},
        )
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results},
        status=200 if healthy else 503,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the page names the request id, so a reader's report can be found
    in the logs. Renders without a request context: no context processor, no query,
    so it works while the database is down."""
    template = loader.get_template("500.html")
    context = {"request_id": current_request_id(), "CSP_NONCE": _csp_nonce(request)}
    body = template.render(context)
    return HttpResponseServerError(body)


def _csp_nonce(request: HttpRequest) -> str:
    """The request's CSP nonce for the page's own <style>, or "" (the style is then
    refused, the page still reads) if the error came before or after django-csp's
    middleware had one to give."""
    try:
        return str(getattr(request, "csp_nonce", ""))
    except Exception:
        return ""
