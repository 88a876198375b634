"""The LOGGING setting: one key=value line per record on stderr, for every app."""

import io
import logging
import logging.config
import sys

import pytest
from django.conf import settings

from config.logformat import KeyValueFormatter, quote
from config.settings import base


def test_a_record_is_one_line_with_logger_level_message_and_extras(caplog):
    with caplog.at_level(logging.INFO):
        logging.getLogger("ingest.failures").warning(
            "article import failed",
            extra={"reason": "binary", "file_name": "my file.pdf", "size": 2048},
        )
    (record,) = caplog.records
    line = KeyValueFormatter().format(record)
    assert "\n" not in line
    assert line.startswith("time=")
    assert line.endswith(
        'level=WARNING logger=ingest.failures msg="article import failed" '
        'reason=binary file_name="my file.pdf" size=2048'
    )


def test_an_exception_stays_on_the_line():
    try:
        raise ValueError("first\nsecond")
    except ValueError:
        record = logging.LogRecord(
            "claims", logging.ERROR, __file__, 1, "failed", None, sys.exc_info()
        )
    line = KeyValueFormatter().format(record)
    assert "\n" not in line
    assert "exc_info=" in line and "ValueError: first\\nsecond" in line


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("fc", "fc"),
        ("", '""'),
        ("a b", '"a b"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("k=v", '"k=v"'),
        ("x\nlevel=INFO", '"x\\nlevel=INFO"'),
        ("\x1b[31m", '"\\x1b[31m"'),
        (503, "503"),
        (None, '""'),
    ],
)
def test_values_are_quoted_so_that_no_value_forges_a_field(value, shown):
    assert quote(value) == shown


def _configured(stream):
    """The LOGGING setting as configured at start-up, writing to ``stream``."""
    config = {**settings.LOGGING, "handlers": {**settings.LOGGING["handlers"]}}
    config["handlers"]["console"] = {**config["handlers"]["console"]}
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)


@pytest.mark.parametrize(
    "name",
    [
        "claims.services",
        "claims.management.commands.load_demo",
        "desk.signals",
        "public.views",
        "api.views",
        "ingest.failures",
        "config.middleware",
    ],
)
def test_every_app_logs_info_to_stderr_in_the_structured_format(name):
    stream = io.StringIO()
    try:
        _configured(stream)
        logging.getLogger(name).info(
            "claim transition refused", extra={"action": "publish", "claim": 7}
        )
        logging.getLogger("some.library").info("chatter")  # not ours: WARNING up
    finally:
        logging.config.dictConfig(settings.LOGGING)
    (line,) = stream.getvalue().splitlines()
    assert f"level=INFO logger={name} " in line
    assert line.endswith('msg="claim transition refused" action=publish claim=7')


def test_tests_keep_the_base_logging_on_stderr_as_key_value():
    """Production's JSON on stdout: tests/ops/test_prod_settings.py."""
    assert base.LOGGING == settings.LOGGING
    console = base.LOGGING["handlers"]["console"]
    assert (console["stream"], console["formatter"]) == ("ext://sys.stderr", "keyvalue")
    assert console["filters"] == ["request_id"]
