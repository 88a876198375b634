"""One log record, one line: ``key=value`` pairs a log search can filter on.

``time``, ``level``, ``logger`` and ``msg`` come first, then every ``extra={...}``
field the caller passed, in the order given. Values with spaces, quotes, ``=`` or
control characters are quoted and escaped, so that a username such as
``"x\\nlevel=INFO"`` cannot start a forged line.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

#: what every LogRecord carries; anything else on a record came in through ``extra``
_STANDARD = set(vars(logging.LogRecord("", logging.INFO, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}
_BARE = re.compile(r"^[\w.:/@+\-\[\],]+$")


def quote(value: object) -> str:
    """``value`` as it appears after ``key=``: bare when safe, else quoted."""
    text = "" if value is None else str(value)
    if text and _BARE.match(text):
        return text
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    escaped = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", escaped)
    return f'"{escaped}"'


class KeyValueFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        at = dt.datetime.fromtimestamp(record.created, tz=dt.UTC)
        pairs = [
            ("time", at.isoformat(timespec="milliseconds").replace("+00:00", "Z")),
            ("level", record.levelname),
            ("logger", record.name),
            ("msg", record.getMessage()),
        ]
        pairs += [(k, v) for k, v in vars(record).items() if k not in _STANDARD]
        if record.exc_info:
            pairs.append(("exc_info", self.formatException(record.exc_info)))
        if record.stack_info:
            pairs.append(("stack_info", record.stack_info))
        return " ".join(f"{key}={quote(value)}" for key, value in pairs)
