"""One log record, one line: ``key=value`` pairs a log search can filter on.

``time``, ``level``, ``logger`` and ``msg`` come first, then every ``extra={...}``
field the caller passed, in the order given. Values with spaces, quotes, ``=`` or
control characters are quoted and escaped, so that a username such as
``"x\\nlevel=INFO"`` cannot start a forged line.
"""

from __future__ import annotations

import datetime as dt
import json
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


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for log pipelines that parse JSON (production's
    default): the same fields as the key=value line, ``request_id`` always present
    (null outside a request). Non-JSON values are written as their ``str()``;
    json.dumps escapes newlines and control characters, so no line can be forged."""

    def format(self, record: logging.LogRecord) -> str:
        at = dt.datetime.fromtimestamp(record.created, tz=dt.UTC)
        entry: dict[str, object] = {
            "time": at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack_info"] = record.stack_info
        return json.dumps(entry, default=str, ensure_ascii=False)


FORMATTERS = {"keyvalue": KeyValueFormatter, "json": JsonFormatter}


def logging_settings(*, log_format: str, stream: str, level: str) -> dict[str, object]:
    """The LOGGING setting: one line per record on ``stream`` (``stdout``/``stderr``)
    in ``log_format`` (``keyvalue`` or ``json``), each record stamped with the
    request id while a request is served; the apps at ``level``, other libraries
    from WARNING up."""
    if log_format not in FORMATTERS:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"CLAIMDESK_LOG_FORMAT must be one of {', '.join(FORMATTERS)}, "
            f"not {log_format!r}."
        )
    if stream not in ("stdout", "stderr"):
        raise ValueError(stream)
    formatter = FORMATTERS[log_format]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "ops.requestid.RequestIdFilter"}},
        "formatters": {
            log_format: {"()": f"{formatter.__module__}.{formatter.__qualname__}"}
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": f"ext://sys.{stream}",
                "formatter": log_format,
                "filters": ["request_id"],
            }
        },
        "root": {"handlers": ["console"], "level": "WARNING"},
        "loggers": {
            app: {"level": level}
            for app in ("claims", "desk", "public", "api", "ingest", "config", "ops")
        }
        # django-axes: failed sign-ins and lockouts are warnings; its INFO is chatter.
        | {"axes": {"level": "WARNING"}},
    }
