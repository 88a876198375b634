"""Database trouble, told apart: 503 with Retry-After while the database is
unreachable, 504 when a public page's query ran past its statement timeout.

``PublicStatementTimeoutMiddleware`` sets that timeout: each anonymous-or-not GET or
HEAD outside the admin runs on PostgreSQL in one read transaction whose statements
may take ``CLAIMDESK_PUBLIC_STATEMENT_TIMEOUT_MS`` each (``SET LOCAL``, like
Datasette's ``sql_time_limit_ms``), so one slow filter cannot hold a connection and a
CPU for minutes. A part of a page that can be left out (a count, a facet) is wrapped
in ``claims.timeouts.optional`` and the page renders without it; if the page's main
query is cancelled the reader gets a 504 that says the page took too long: a timeout
is not an outage, and is never reported as "database unavailable".

The 503 answer is built from nothing but the exception and the request id: no
template that might run a context processor, no query, so it cannot fail the same way.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from claims.timeouts import is_query_canceled
from ops.requestid import current_request_id

logger = logging.getLogger(__name__)


class PublicStatementTimeoutMiddleware:
    """Limit each SQL statement of a public read on PostgreSQL (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def applies(self, request: HttpRequest) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and not request.path.startswith("/admin/")
            and connection.vendor == "postgresql"
            and settings.CLAIMDESK_PUBLIC_STATEMENT_TIMEOUT_MS > 0
            and not connection.in_atomic_block
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.applies(request):
            return self.get_response(request)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('statement_timeout', %s, true)",
                    [str(settings.CLAIMDESK_PUBLIC_STATEMENT_TIMEOUT_MS)],
                )
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        if is_query_canceled(exception):
            logger.warning(
                "statement timeout",
                extra={
                    "event": "db_timeout",
                    "method": request.method,
                    "path": request.path,
                    "status": 504,
                },
            )
            return HttpResponse(
                _(
                    "This page took too long to prepare. Try again, or narrow the "
                    "filters or the search."
                ),
                status=504,
                content_type="text/plain; charset=utf-8",
            )
        unavailable = isinstance(exception, OperationalError | InterfaceError)
        # SQLite's "database is locked" is contention, not an outage.
        if unavailable and "locked" not in str(exception):
            # The class and the path only: the message can hold the SQL and its
            # parameters, which may be personal data.
            logger.error(
                "database unavailable",
                extra={
                    "event": "db_unavailable",
                    "exception": type(exception).__name__,
                    "method": request.method,
                    "path": request.path,
                    "status": 503,
                },
            )
            body = _("The database is unavailable. Please try again shortly.")
            if request_id := current_request_id():
                body += "\n" + _("Reference: %(id)s") % {"id": request_id}
            response = HttpResponse(
                body + "\n",
                status=503,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = "5"
            return response
        return None
