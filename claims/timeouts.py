"""Statement timeouts on public reads: telling a cancelled query from an outage, and
letting a page's optional parts (a count, a facet) give up without the page.

``config.middleware.PublicStatementTimeoutMiddleware`` runs each public GET on
PostgreSQL in a transaction whose statements may take at most
``CLAIMDESK_PUBLIC_STATEMENT_TIMEOUT_MS``. A cancelled statement raises
``OperationalError`` (from psycopg's ``QueryCanceled``); ``optional`` catches it around
a part the page can do without, and the middleware answers 504 ("took too long"),
never 503 ("database unavailable"), when the page's main query is the one cancelled.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import TypeVar

from django.db import OperationalError, connection, transaction

logger = logging.getLogger(__name__)
T = TypeVar("T")


def is_query_canceled(exc: BaseException) -> bool:
    """Whether ``exc`` is a statement cancelled by the statement timeout."""
    if not isinstance(exc, OperationalError):
        return False
    try:
        from psycopg.errors import QueryCanceled
    except ImportError:  # pragma: no cover - psycopg is a dependency
        QueryCanceled = ()  # type: ignore[assignment,misc]
    cause = exc.__cause__
    return isinstance(cause, QueryCanceled) or "statement timeout" in str(exc)


def optional(compute: Callable[[], T], default: T, *, part: str) -> T:
    """``compute()``, or ``default`` if its SQL hit the statement timeout.

    Runs in a savepoint, so the cancelled statement leaves the request's transaction
    usable for the rest of the page. Any other error propagates.
    """
    # Only inside a transaction (the public timeout's) is a savepoint needed; outside
    # one, opening a transaction would touch the primary on a replica read.
    guard: AbstractContextManager[object] = (
        transaction.atomic() if connection.in_atomic_block else nullcontext()
    )
    try:
        with guard:
            return compute()
    except OperationalError as exc:
        if not is_query_canceled(exc):
            raise
        logger.warning(
            "optional part timed out", extra={"event": "part_timeout", "part": part}
        )
        return default
