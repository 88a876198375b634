"""While the database is unreachable, pages answer 503 with Retry-After, not 500."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

from config.logformat import KeyValueFormatter
from config.middleware import DatabaseUnavailableMiddleware


def middleware():
    return DatabaseUnavailableMiddleware(lambda request: HttpResponse("ok"))


def test_database_outage_answers_503_with_retry_after():
    request = RequestFactory().get("/claims/")
    for exc in (
        OperationalError("connection refused"),
        InterfaceError("connection already closed"),
    ):
        response = middleware().process_exception(request, exc)
        assert response.status_code == 503
        assert response["Retry-After"] == "5"
        assert "unavailable" in response.content.decode()


def test_other_errors_are_left_alone():
    request = RequestFactory().get("/claims/")
    assert middleware().process_exception(request, ValueError("bug")) is None
    locked = OperationalError("database is locked")
    assert middleware().process_exception(request, locked) is None


def test_middleware_is_installed_outside_everything_that_queries(settings):
    """Only the request id (no query) comes before it, so the 503 carries the id."""
    assert settings.MIDDLEWARE[:2] == [
        "ops.requestid.RequestIdMiddleware",
        "config.middleware.DatabaseUnavailableMiddleware",
    ]


def test_the_503_page_runs_no_query_and_names_the_request(
    db, client, monkeypatch, django_assert_num_queries
):
    from public import views

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views.HomeView, "get", down)
    with django_assert_num_queries(0):
        response = client.get("/", HTTP_X_REQUEST_ID="lb-1234")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["X-Request-ID"] == "lb-1234"
    assert "Reference: lb-1234" in response.content.decode()


def _records(caplog):
    return [r for r in caplog.records if r.name == "config.middleware"]


def test_an_outage_logs_one_line_with_the_exception_class_and_path(caplog):
    request = RequestFactory().get("/claims/?q=secret+search")
    exc = OperationalError(
        'connection lost during SELECT * FROM auth_user WHERE email = "a@b.example"'
    )
    with caplog.at_level(logging.INFO):
        middleware().process_exception(request, exc)
    (record,) = _records(caplog)
    assert record.levelname == "ERROR"
    assert (record.exception, record.path, record.status) == (
        "OperationalError",
        "/claims/",
        503,
    )
    line = KeyValueFormatter().format(record)
    assert "\n" not in line
    assert "logger=config.middleware" in line
    assert "exception=OperationalError method=GET path=/claims/ status=503" in line
    for private in ("SELECT", "a@b.example", "secret"):
        assert private not in line


def test_errors_left_alone_log_nothing(caplog):
    request = RequestFactory().get("/claims/")
    with caplog.at_level(logging.INFO):
        middleware().process_exception(request, ValueError("bug"))
        middleware().process_exception(request, OperationalError("database is locked"))
    assert _records(caplog) == []


def test_a_page_hit_by_an_outage_answers_503_and_logs_once(
    client, db, caplog, monkeypatch
):
    from public import views

    def down(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(views.HomeView, "get", down)
    with caplog.at_level(logging.INFO):
        response = client.get("/")
    assert response.status_code == 503
    assert [(r.exception, r.path) for r in _records(caplog)] == [
        ("OperationalError", "/")
    ]
