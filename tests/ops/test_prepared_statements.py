"""Prepared statements on PostgreSQL (``DJANGO_DB_PREPARE_THRESHOLD``): a query a
connection runs again and again is planned once, and a deployer behind a pooler
that cannot keep prepared statements turns them off."""

import json

import pytest
from django.db import connection

from claims.models import Claim

from .prod import prod_env, run

PG_URL = "postgres://postgres@127.0.0.1:5432/claimdesk_unused"
SHOW_OPTIONS = [
    "manage.py",
    "shell",
    "-c",
    "import json; from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))",
]


def _options(tmp_path, **env):
    result = run(SHOW_OPTIONS, prod_env(tmp_path, **env))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_postgresql_prepares_a_query_run_five_times_unless_turned_off(tmp_path):
    options = _options(tmp_path, DATABASE_URL=PG_URL)
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == 5
    options = _options(tmp_path, DATABASE_URL=PG_URL, DJANGO_DB_PREPARE_THRESHOLD="0")
    assert "server_side_binding" not in options
    assert "prepare_threshold" not in options
    options = _options(tmp_path, DATABASE_URL=PG_URL, DJANGO_DB_PREPARE_THRESHOLD="-1")
    assert "prepare_threshold" not in options  # psycopg would prepare at once
    options = _options(tmp_path)  # SQLite: nothing of PostgreSQL's
    assert "server_side_binding" not in options


@pytest.mark.django_db
def test_a_query_run_again_and_again_is_prepared_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    for _ in range(6):
        assert list(Claim.objects.filter(pk=-1)) == []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "claims_claim" WHERE "claims_claim"."id" = $1%'],
        )
        assert cursor.fetchone()[0] == 1
