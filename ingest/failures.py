"""Imports that fail, logged one line each for whoever runs the site.

The line says why (``reason``: an ``InputError.code`` such as "too_large" or
"binary", or "missing_file", "no_claims", "refused", "unexpected"), where
(``source``: "admin" or "command") and which file (name and size in bytes); it
never holds the article's text, nor an exception's message, which may quote it.
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def log_failure(
    reason: str,
    file_name: str,
    size: int,
    *,
    source: str = "admin",
    level: int = logging.ERROR,
    exception: BaseException | None = None,
) -> None:
    """One line for an article that could not be imported: the reason code
    (``InputError.code``, "unexpected", ...), the file's name and size in bytes,
    never the article's text."""
    extra: dict[str, Any] = {
        "event": "import_failed",
        "reason": reason,
        "source": source,
        "file_name": file_name,
        "size": size,
    }
    if exception is not None:  # its class only: the message may quote the article
        extra["exception"] = type(exception).__name__
    logger.log(level, "article import failed", extra=extra)
