"""manage.py backup / restore: a world of data comes back whole, guard included."""

import hashlib
import os
import sqlite3
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from claims.models import Status
from claims.services import claim_assign, claim_start_research
from tests.world import world  # noqa: F401

from .prod import run

KEY_TABLES = [
    "claims_claim",
    "claims_reviewevent",
    "claims_historicalclaim",
    "claims_note",
    "claims_evidence",
]


def digests(cursor, tables, columns):
    """Per table: (row count, SHA-256 of every row's every column as text)."""
    result = {}
    for table in tables:
        cols = ", ".join(f'CAST("{c}" AS TEXT)' for c in columns[table])
        order = ", ".join(str(i + 1) for i in range(len(columns[table])))
        cursor.execute(f'SELECT {cols} FROM "{table}" ORDER BY {order}')
        rows = cursor.fetchall()
        digest = hashlib.sha256(repr(rows).encode()).hexdigest()
        result[table] = (len(rows), digest)
    return result


def source_digests():
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        columns = {
            table: [
                c.name
                for c in connection.introspection.get_table_description(cursor, table)
            ]
            for table in tables
        }
        return tables, columns, digests(cursor, tables, columns)


def subprocess_env(database_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", DATABASE_URL=database_url)
    return env


@pytest.fixture
def empty_database(tmp_path):
    """A new, empty database of the same engine: its URL and a DB-API connector."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", lambda: sqlite3.connect(path)
        return
    import psycopg

    params = connection.settings_dict
    name = f"cd_he_restore_{uuid.uuid4().hex[:8]}"
    server = {
        "host": params["HOST"] or "127.0.0.1",
        "port": params["PORT"] or 5432,
        "user": params["USER"] or "postgres",
        "password": params["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    user = server["user"]
    url = f"postgres://{user}@{server['host']}:{server['port']}/{name}"
    if server["password"]:
        url = url.replace(f"{user}@", f"{user}:{server['password']}@")

    def connect():
        conn = psycopg.connect(dbname=name, **server)
        conn.execute("SET TIME ZONE 'UTC'")
        return conn

    yield url, connect
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_intact(
    world,  # noqa: F811
    editor,
    tmp_path,
    empty_database,
    capsys,
):
    # The desk at work: a review event, history rows, a note on top of the world.
    claim_start_research(claim=world.hidden[Status.NEW], by=editor)
    claim_assign(claim=world.published, by=editor, assignee=editor)
    out = tmp_path / "claimdesk.backup"
    call_command("backup", out=out)
    assert f"Backed up to {out}" in capsys.readouterr().out
    tables, columns, before = source_digests()
    for table in KEY_TABLES:
        assert before[table][0] > 0, f"the world has no {table} rows"

    url, connect = empty_database
    result = run(["manage.py", "restore", str(out)], subprocess_env(url))
    assert result.returncode == 0, result.stderr
    assert f"Restored {out}." in result.stdout

    restored = connect()
    try:
        cursor = restored.cursor()
        assert digests(cursor, tables, columns) == before
        # The append-only guard came back with the schema.
        with pytest.raises(Exception, match="append-only"):
            cursor.execute("UPDATE claims_reviewevent SET comment = comment || 'x'")
        restored.rollback()
        with pytest.raises(Exception, match="append-only"):
            cursor.execute("DELETE FROM claims_reviewevent")
        restored.rollback()
    finally:
        restored.close()

    # And the restored copy is a complete Claimdesk database: nothing to migrate.
    check = run(["manage.py", "migrate", "--check"], subprocess_env(url))
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_missing_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match=r"no such backup file"):
        call_command("restore", str(tmp_path / "nope.dump"))


def test_a_file_that_is_no_backup_is_refused(db, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("just some text")
    with pytest.raises(CommandError, match="is not a Claimdesk backup"):
        call_command("restore", str(junk))


def test_a_backup_of_the_other_engine_is_refused(db, tmp_path):
    other = tmp_path / "other.backup"
    if connection.vendor == "sqlite":
        other.write_bytes(b"PGDMP\x01\x0e\x00" + b"\x00" * 64)
        message = "is a postgresql backup but the database is sqlite"
    else:
        sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
        message = "is a sqlite backup but the database is postgresql"
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(other))


@pytest.mark.django_db(transaction=True)
def test_restoring_over_live_data_is_refused(tmp_path):
    out = tmp_path / "claimdesk.backup"
    call_command("backup", out=out)
    with pytest.raises(CommandError, match=r"The database is not empty \(\d+ tables\)"):
        call_command("restore", str(out))


def test_an_existing_output_file_is_never_overwritten(db, tmp_path):
    out = tmp_path / "precious.backup"
    out.write_text("yesterday's backup")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", out=out)
    assert out.read_text() == "yesterday's backup"


def test_without_pg_dump_the_backup_says_what_to_install(db, tmp_path, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite backups need no client tools")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(CommandError, match="pg_dump not found on PATH"):
        call_command("backup", out=tmp_path / "x.dump")
    assert not list(Path(tmp_path).glob("x.dump*"))
