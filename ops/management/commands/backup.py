from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ops.backup import BackupError, backup, default_path


class Command(BaseCommand):
    help = (
        "Back up the database to one file: pg_dump's custom format for PostgreSQL, "
        "an SQLite copy for SQLite. Restore it with `manage.py restore PATH`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out",
            type=Path,
            help="File to write (must not exist). Default: "
            "var/backups/claimdesk-<UTC time>.dump (or .sqlite3).",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        alias = options["database"]
        try:
            out = options["out"]
            if out is None:
                directory = Path(settings.VAR_DIR) / "backups"
                directory.mkdir(parents=True, exist_ok=True)
                out = default_path(alias, directory)
            written = backup(alias=alias, out=out)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = written.stat().st_size
        self.stdout.write(f"Backed up to {written} ({size} bytes).")
