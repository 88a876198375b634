"""Back up the database to one file, and restore that file into an empty database.

PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore``, with the connection
details of ``DATABASES``; the password goes through ``PGPASSWORD``, never the command
line. SQLite: the online backup API (``sqlite3.Connection.backup``), which copies a
consistent snapshot while the site keeps running. Triggers (the review history's
append-only guard) travel with the schema either way.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.db import connections

PG_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"


class BackupError(Exception):
    """Refused or failed; the message says what to do."""


def engine_of(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def default_path(alias: str, directory: Path) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    suffix = "dump" if engine_of(alias) == "postgresql" else "sqlite3"
    return directory / f"claimdesk-{stamp}.{suffix}"


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} not found on PATH: install the PostgreSQL client "
            f"(apt-get install postgresql-client) in the server's major version."
        )
    return found


def _pg_env(settings: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    """Connection options and environment for pg_dump/pg_restore."""
    args = []
    if settings.get("HOST"):
        args += ["--host", str(settings["HOST"])]
    if settings.get("PORT"):
        args += ["--port", str(settings["PORT"])]
    if settings.get("USER"):
        args += ["--username", str(settings["USER"])]
    args += ["--dbname", str(settings["NAME"])]
    env = {**os.environ}
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        tool = Path(command[0]).name
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")


def backup(*, alias: str, out: Path) -> Path:
    """Write the database ``alias`` to ``out`` (which must not exist yet)."""
    if out.exists():
        raise BackupError(f"{out} already exists: choose a new file name.")
    if not out.parent.is_dir():
        raise BackupError(f"{out.parent} is not a directory.")
    connection = connections[alias]
    if engine_of(alias) == "postgresql":
        pg_dump = _pg_tool("pg_dump")
        args, env = _pg_env(connection.settings_dict)
        partial = out.with_name(out.name + ".partial")
        try:
            _run([pg_dump, "--format=custom", "--file", str(partial), *args], env)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.rename(out)
        return out
    if connection.in_atomic_block:
        # SQLite's backup would wait forever on this connection's own write lock.
        raise BackupError("Back up outside a transaction.")
    connection.ensure_connection()
    target = sqlite3.connect(out)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    return out


def kind_of(path: Path) -> str:
    """``postgresql`` or ``sqlite`` from the file's first bytes."""
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file.")
    with path.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head.startswith(PG_MAGIC):
        return "postgresql"
    if head == SQLITE_MAGIC:
        return "sqlite"
    raise BackupError(
        f"{path} is not a Claimdesk backup (neither a pg_dump custom-format file "
        f"nor an SQLite database)."
    )


def restore(*, alias: str, path: Path) -> None:
    """Load the backup at ``path`` into the database ``alias``, which must be empty
    (no tables): a restore never merges into or overwrites live data."""
    kind, engine = kind_of(path), engine_of(alias)
    if kind != engine:
        raise BackupError(
            f"{path} is a {kind} backup but the database is {engine}: restore it "
            f"into a {kind} database."
        )
    connection = connections[alias]
    if tables := connection.introspection.table_names():
        raise BackupError(
            f"The database is not empty ({len(tables)} tables): restore into a new, "
            f"empty database and point DATABASE_URL at it."
        )
    if engine == "postgresql":
        pg_restore = _pg_tool("pg_restore")
        args, env = _pg_env(connection.settings_dict)
        connection.close()
        _run(
            [
                pg_restore,
                "--exit-on-error",
                "--single-transaction",
                "--no-owner",
                "--no-privileges",
                *args,
                str(path),
            ],
            env,
        )
        return
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        connection.ensure_connection()
        source.backup(connection.connection)
    finally:
        source.close()
