"""Exit 0 when the PostgreSQL server in DATABASE_URL answers, creating the database
if it is missing; exit 1 when the server cannot be reached."""

import sys
from urllib.parse import urlparse

import psycopg
from psycopg import sql

url = urlparse(sys.argv[1])
dbname = url.path.lstrip("/")
params = {
    "host": url.hostname or "127.0.0.1",
    "port": url.port or 5432,
    "user": url.username or "postgres",
    "password": url.password or None,
    "dbname": "postgres",
    "connect_timeout": 5,
    "autocommit": True,
}
try:
    with psycopg.connect(**params) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [dbname]
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
            print(f"created database {dbname}")
except psycopg.OperationalError as exc:
    print(f"PostgreSQL unreachable: {exc}", file=sys.stderr)
    sys.exit(1)
