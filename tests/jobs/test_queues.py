"""The real queues: a job queued in one process runs in a worker process, through the
database backend (the default) and through RQ against the machine's Redis."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

PY = sys.executable


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """One migrated SQLite file; each test works on a copy."""
    path = tmp_path_factory.mktemp("template") / "db.sqlite3"
    _run(
        _env(None, DATABASE_URL=f"sqlite:///{path}"),
        "manage.py",
        "migrate",
        "--noinput",
    )
    return path


def _env(tmp_path, **extra):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))
    }
    db = os.environ.get("DATABASE_URL", "")
    if db.startswith("postgres"):
        pytest.skip("runs on SQLite files; the PostgreSQL path is the same code")
    env.update(DJANGO_SETTINGS_MODULE="config.settings.dev")
    if tmp_path is not None:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'queue.sqlite3'}"
    env.update(extra)
    return env


def _run(env, *args, timeout=180):
    done = subprocess.run(
        [PY, *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def _queue_and_work(env, *worker):
    job_id = _run(env, "-m", "tests.jobs.scenario", "enqueue").splitlines()[-1]
    before = _run(env, "-m", "tests.jobs.scenario", "status", job_id)
    assert before == "queued|0|0|None|True"  # queued, not run by the web process
    _run(env, "manage.py", *worker)
    return _run(env, "-m", "tests.jobs.scenario", "status", job_id)


def test_the_database_queue_runs_a_job_in_the_db_worker(tmp_path, migrated):
    shutil.copy(migrated, tmp_path / "queue.sqlite3")
    after = _queue_and_work(_env(tmp_path), "db_worker", "--batch")
    assert after == "succeeded|1|1|boss|True"


def _redis_reachable(url):
    import redis

    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def test_the_redis_queue_runs_a_job_in_an_rq_worker(tmp_path, migrated):
    shutil.copy(migrated, tmp_path / "queue.sqlite3")
    url = "redis://127.0.0.1:6379/13"
    if not _redis_reachable(url):
        if os.environ.get("CI") == "true":
            pytest.fail("Redis is not reachable at 127.0.0.1:6379")
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    env = _env(tmp_path, DJANGO_TASKS_BACKEND="rq", REDIS_URL=url)
    after = _queue_and_work(
        env, "rqworker", "--burst", "--job-class", "django_tasks_rq.Job", "default"
    )
    assert after == "succeeded|1|1|boss|True"


def test_public_reads_go_to_the_replica_and_the_admin_writes_to_the_primary(
    tmp_path, migrated
):
    shutil.copy(migrated, tmp_path / "queue.sqlite3")
    shutil.copy(migrated, tmp_path / "replica.sqlite3")
    env = _env(
        tmp_path, DATABASE_REPLICA_URL=f"sqlite:///{tmp_path / 'replica.sqlite3'}"
    )
    lines = _run(env, "-m", "tests.jobs.scenario", "replica").splitlines()
    assert lines == [
        "public:False:True",  # an anonymous reader: the replica only
        "api:False:True",
        "signed-in:True:False",  # sees what they just saved: the primary
        "admin-write:True:False",
        "written: 1 0",
    ]
