"""The API against its own OpenAPI schema (drf-spectacular, /api/schema/):
schemathesis generates requests from it, valid and not, and no answer may be a
server error. Bounded to run in the normal suite; for a longer run:

    CLAIMDESK_SCHEMATHESIS_EXAMPLES=1000 .venv/bin/python -m pytest \\
        tests/api/test_schemathesis.py -q

(the same on PostgreSQL with DATABASE_URL=postgres://…)."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from config.wsgi import application
from tests.world import world

__all__ = ["world"]

EXAMPLES = int(os.environ.get("CLAIMDESK_SCHEMATHESIS_EXAMPLES", "15"))

# The schema /api/schema/ serves, built here (it reads no rows) rather than
# fetched at import, when the test database does not exist yet.
schema = schemathesis.openapi.from_dict(
    SchemaGenerator().get_schema(request=None, public=True)
)
schema.app = application


@pytest.fixture
def keep_the_test_connection():
    """Called straight, the WSGI app would close the database connection the test
    runs in at each request's end (``close_old_connections``); Django's test client
    unhooks it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_generated_request_is_a_server_error(world, keep_the_test_connection, case):
    case.call_and_validate(checks=[not_a_server_error])
