"""Tell assignees and watchers about claims whose due date has passed.

Run it once a day or more often (cron, a systemd timer, or ``make run``'s loop):
each claim, person and due date is told once, so running it again tells nobody
twice. ``--queue`` hands the work to the job worker (``manage.py db_worker``)
instead of doing it here.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from claims.services import claims_notify_overdue, overdue_job_start


class Command(BaseCommand):
    help = "Notify the assignee and watchers of each claim past its due date."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--queue",
            action="store_true",
            help="Queue the check as a job for the worker instead of running it.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["queue"]:
            job = overdue_job_start()
            self.stdout.write(f"queued {job}")
            return
        told = claims_notify_overdue()
        self.stdout.write(f"{told} notifications of missed due dates")
