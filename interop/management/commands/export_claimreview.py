"""``manage.py export_claimreview [--out FILE] [--since DATE]``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from interop.feed import feed_chunks, parse_since


class Command(BaseCommand):
    help = (
        "Write a schema.org DataFeed of every published claim's ClaimReview (the one "
        "its page embeds) to FILE or standard output, streamed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", metavar="FILE", help="Write here, not stdout.")
        parser.add_argument(
            "--since",
            metavar="DATE",
            help="Only claims published, corrected or retracted since DATE "
            "(YYYY-MM-DD or ISO 8601 date and time).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            since = parse_since(options["since"]) if options["since"] else None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if not options["out"]:
            for chunk in feed_chunks(since):
                self.stdout.write(chunk, ending="")
            return
        try:
            with open(options["out"], "w", encoding="utf-8") as file:
                for chunk in feed_chunks(since):
                    file.write(chunk)
        except OSError as exc:
            raise CommandError(
                f"Cannot write {options['out']}: {exc.strerror}"
            ) from exc
