"""Answers given before any view runs or after any view fails:

* ``RefuseNulMiddleware``: a request with a NUL character (``%00``) in its path, its
  query string or its form-encoded body is a 400. No page, filter, search or form of
  ours takes one, and PostgreSQL text cannot hold one: refused here, once, rather
  than in every view, filter and admin lookup that would pass it to the database.
* ``DatabaseUnavailableMiddleware``: 503 with Retry-After while the database is
  really unreachable, instead of 500s; a statement that fails on bad input
  (``DataError``, a cancelled query, too many variables) is not an outage.
* ``QueryLanguageMiddleware``: ``?lang=id`` reads the page in that site language.
* ``PublicStatementTimeoutMiddleware``: 504 when a public page's query ran past its
  statement timeout.

The timeout: each anonymous-or-not GET or
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
import sqlite3
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from claims.links import request_origin
from claims.timeouts import is_query_canceled
from claims.translations import requested_language
from ops.requestid import current_request_id

logger = logging.getLogger(__name__)

NUL = "\x00"
FORM_ENCODED = "application/x-www-form-urlencoded"


def has_nul(request: HttpRequest) -> bool:
    """Whether the path, a query parameter (name or value) or a form-encoded field
    holds a NUL. Multipart bodies are left to the forms: an uploaded file may hold
    NULs, and Django's text fields refuse them in a field's value."""
    if NUL in request.path or NUL in request.META.get("QUERY_STRING", ""):
        return True
    fields = [request.GET]
    if request.method == "POST" and request.content_type == FORM_ENCODED:
        fields.append(request.POST)
    return any(
        NUL in key or NUL in value
        for data in fields
        for key, values in data.lists()
        for value in values
    )


class RefuseNulMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_nul(request):
            message = _(
                "The request contains a NUL character (%00), which no address, "
                "search or form field takes."
            )
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponse(
                message, status=400, content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


#: SQLite errors that mean the file cannot be used, as opposed to a bad statement.
SQLITE_OUTAGES = ("SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_NOTADB", "SQLITE_CORRUPT")


def is_outage(exception: Exception) -> bool:
    """Whether a database error means the database cannot be reached or used, so that
    trying again later is the answer: lost or refused connections, a server shutting
    down or out of resources; not a statement that failed on what it was given."""
    if isinstance(exception, InterfaceError):
        return True
    if not isinstance(exception, OperationalError):
        return False  # DataError, IntegrityError, ProgrammingError: the statement
    cause = exception.__cause__
    if isinstance(cause, sqlite3.Error):
        name = getattr(cause, "sqlite_errorname", "") or ""
        # "database is locked" (SQLITE_BUSY) is contention, not an outage.
        return name.startswith(SQLITE_OUTAGES)
    sqlstate = getattr(cause, "sqlstate", None)
    if sqlstate is None:  # psycopg: no server answer at all (refused, lost)
        return "locked" not in str(exception)
    # 08: connection exception; 53: insufficient resources; 57P: shutdown/crash.
    # Not 57014 (a cancelled statement: a timeout on what the request asked).
    return sqlstate.startswith(("08", "53", "57P"))


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
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('statement_timeout', %s, true)",
                        [str(settings.CLAIMDESK_PUBLIC_STATEMENT_TIMEOUT_MS)],
                    )
                response = self.get_response(request)
                if response.status_code >= 500:
                    transaction.set_rollback(True)
        except (OperationalError, InterfaceError) as exc:
            # Opening (or closing) the transaction met an outage. Django turns an
            # exception raised in a middleware into a 500 before any outer
            # middleware sees it, so the 503 is answered here.
            answer = DatabaseUnavailableMiddleware.answer(request, exc)
            if answer is None:
                raise
            return answer
        return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(
        self, request: HttpRequest, exception: Exception
    ) -> HttpResponse | None:
        return self.answer(request, exception)

    @staticmethod
    def answer(request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """The 504 for a cancelled statement, the 503 for an outage, else None."""
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
        if is_outage(exception):
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


class QueryLanguageMiddleware:
    """``?lang=<code>`` reads a page in that site language, whatever the cookie or
    Accept-Language say, without setting a cookie: each language version of a
    page has a URL of its own, for ``<link rel="alternate" hreflang>`` and for
    sharing. Runs after ``LocaleMiddleware``; an unknown code is ignored."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = requested_language(request)
        if language is None:
            return self.get_response(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        return self.get_response(request)


class RequestSiteUrlMiddleware:
    """Absolute links (feeds, JSON-LD, sitemaps, the API) on the host the request
    came through, where ``CLAIMDESK_SITE_URL_FROM_REQUEST`` is on: development,
    where ``make run PORT=8123`` must not link to port 8000. The host has passed
    ``ALLOWED_HOSTS`` by then. Production links to ``CLAIMDESK_SITE_URL`` only."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.enabled = settings.CLAIMDESK_SITE_URL_FROM_REQUEST

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.enabled:
            return self.get_response(request)
        token = request_origin.set(f"{request.scheme}://{request.get_host()}")
        try:
            return self.get_response(request)
        finally:
            request_origin.reset(token)
