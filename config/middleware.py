"""Answer 503 with Retry-After while the database is unreachable, instead of 500s."""

from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse


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
            response = HttpResponse(
                "The database is unavailable. Please try again shortly.",
                status=503,
                content_type="text/plain; charset=utf-8",
            )
            response["Retry-After"] = "5"
            return response
        return None
