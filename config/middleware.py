"""Answer 503 with Retry-After while the database is unreachable, instead of 500s.

The answer is built from nothing but the exception and the request id: no template
that might run a context processor, no query, so it cannot fail the same way.
"""

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from ops.requestid import current_request_id

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
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
