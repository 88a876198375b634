"""While the database is unreachable, pages answer 503 with Retry-After, not 500."""

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.test import RequestFactory

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


def test_middleware_is_installed_outermost(settings):
    assert settings.MIDDLEWARE[0] == "config.middleware.DatabaseUnavailableMiddleware"
