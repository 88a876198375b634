"""Run by tests/jobs/test_queues.py in a fresh process, against real databases and
queues (settings from the environment, as a deployment has them).

``python -m tests.jobs.scenario enqueue``: a user, a claim and a bulk job, queued.
``python -m tests.jobs.scenario status JOB_ID``: prints the job's status and outcome.
"""

from __future__ import annotations

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402

from claims.models import Claim, Job  # noqa: E402
from claims.services import claims_bulk_start  # noqa: E402


def enqueue() -> None:
    user = get_user_model().objects.create_superuser("boss", password="x")
    claim = Claim.objects.create(statement="Queued claim", language="en")
    with transaction.atomic():
        job = claims_bulk_start(action="assign_to_me", by=user, claim_ids=[claim.pk])
    print(job.pk)


def status(job_id: str) -> None:
    job = Job.objects.get(pk=job_id)
    assignee = Claim.objects.get().assignee
    print(job.status, job.done, job.total, assignee, job.result_id != "", sep="|")


def replica() -> None:
    """Which database each kind of request touched, as ``path:default:replica``."""
    from django.db import connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    user = get_user_model().objects.create_superuser("ed", password="x")
    client = Client(SERVER_NAME="localhost")
    for label, call in (
        ("public", lambda: client.get("/")),
        ("api", lambda: client.get("/api/claims/")),
        ("signed-in", lambda: (client.force_login(user), client.get("/"))),
        (
            "admin-write",
            lambda: client.post(
                "/admin/claims/source/add/",
                {
                    "name": "Primary only",
                    "kind": "person",
                    "aliases-TOTAL_FORMS": "0",
                    "aliases-INITIAL_FORMS": "0",
                },
            ),
        ),
    ):
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections["replica"]) as copy,
        ):
            call()
        print(f"{label}:{len(primary) > 0}:{len(copy) > 0}")
    from claims.models import Source

    print(
        "written:",
        Source.objects.using("default").filter(name="Primary only").count(),
        Source.objects.using("replica").filter(name="Primary only").count(),
    )


if __name__ == "__main__":
    {"enqueue": enqueue, "status": status, "replica": replica}[sys.argv[1]](
        *sys.argv[2:]
    )
