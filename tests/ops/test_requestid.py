"""Every response, log line and error page carries the request's id."""

import io
import json
import logging
import logging.config
import re

import pytest
from django.conf import settings
from django.test import Client

from config.logformat import JsonFormatter
from ops.requestid import RequestIdFilter

HEX32 = re.compile(r"^[0-9a-f]{32}$")


@pytest.fixture
def log_lines():
    """The configured LOGGING, writing to a buffer: what the server's stderr gets."""
    stream = io.StringIO()
    config = {**settings.LOGGING, "handlers": {**settings.LOGGING["handlers"]}}
    config["handlers"]["console"] = {**config["handlers"]["console"], "stream": stream}
    logging.config.dictConfig(config)
    yield lambda: stream.getvalue().splitlines()
    logging.config.dictConfig(settings.LOGGING)


@pytest.mark.django_db
def test_each_response_gets_a_fresh_id(client):
    first, second = client.get("/robots.txt"), client.get("/robots.txt")
    assert HEX32.match(first["X-Request-ID"])
    assert HEX32.match(second["X-Request-ID"])
    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.django_db
def test_a_sane_id_from_the_proxy_is_kept(client):
    response = client.get("/robots.txt", HTTP_X_REQUEST_ID="lb-7f3a.2:9_x")
    assert response["X-Request-ID"] == "lb-7f3a.2:9_x"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sent",
    [
        "",
        "has space",
        "x" * 65,
        "semi;colon",
        "<script>",
        "-leading-dash",
        "ünïcode",
        "a\tb",
    ],
)
def test_anything_else_is_replaced(client, sent):
    response = client.get("/robots.txt", HTTP_X_REQUEST_ID=sent)
    assert response.status_code == 200
    assert HEX32.match(response["X-Request-ID"])


@pytest.mark.django_db
def test_lines_logged_during_a_request_carry_its_id(client, log_lines, monkeypatch):
    from public import views

    def logs(self, request, *args, **kwargs):
        logging.getLogger("public.views").info("probe", extra={"n": 1})
        return original(self, request, *args, **kwargs)

    original = views.HomeView.get
    monkeypatch.setattr(views.HomeView, "get", logs)
    response = client.get("/", HTTP_X_REQUEST_ID="req-42")
    assert response.status_code == 200
    (line,) = [line for line in log_lines() if "msg=probe" in line]
    assert line.endswith("msg=probe n=1 request_id=req-42")
    logging.getLogger("public.views").info("after")
    assert "request_id" not in log_lines()[-1]


def test_json_lines_carry_the_id_and_cannot_be_forged():
    record = logging.LogRecord(
        "desk.signals", logging.WARNING, __file__, 1, "login refused", None, None
    )
    record.username = 'x"\n{"level": "INFO"}'
    record.request_id = "req-1"
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["request_id"] == "req-1"
    assert entry["username"] == 'x"\n{"level": "INFO"}'
    assert (entry["level"], entry["logger"], entry["msg"]) == (
        "WARNING",
        "desk.signals",
        "login refused",
    )
    assert entry["time"].endswith("Z")


def test_the_filter_leaves_records_outside_requests_alone():
    record = logging.LogRecord("claims", logging.INFO, __file__, 1, "x", None, None)
    assert RequestIdFilter().filter(record)
    assert not hasattr(record, "request_id")


@pytest.mark.django_db
def test_the_500_page_names_the_request_and_runs_no_query(
    monkeypatch, log_lines, django_assert_num_queries
):
    from public import views

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(views.HomeView, "get", broken)
    client = Client(raise_request_exception=False)
    with django_assert_num_queries(0):
        response = client.get("/", HTTP_X_REQUEST_ID="req-500")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong on our side" in body
    assert "Reference: <code>req-500</code>" in body
    assert response["X-Request-ID"] == "req-500"
    (line,) = [line for line in log_lines() if "logger=django.request" in line]
    assert "request_id=req-500" in line


@pytest.mark.django_db
def test_the_500_page_speaks_the_readers_language(monkeypatch):
    from public import views

    monkeypatch.setattr(views.HomeView, "get", lambda *a, **k: 1 / 0)
    client = Client(raise_request_exception=False)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="id", HTTP_X_REQUEST_ID="r-1")
    assert response.status_code == 500
    assert "Referensi: <code>r-1</code>" in response.content.decode()
