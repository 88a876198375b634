"""A PostgreSQL outage under a running server: 503 + Retry-After, then recovery.

A throwaway cluster (initdb/pg_ctl, its own port and folder) serves a real gunicorn
while a thread keeps requesting the home page; the cluster is stopped, then started
again. Prints the status counts of each phase and the recovery time.
"""

import collections
import contextlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .prod import ROOT
from .servers import PostgresCluster, free_port, wait_for_port

OUTAGE = 5.0  # seconds the cluster stays down
RECOVERY_LIMIT = 15.0  # seconds from the cluster's restart to the first 200


class Poller(threading.Thread):
    """GET ``url`` in a loop (bounded: at most 5,000 requests or 3 minutes)."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.results: list[tuple[float, int, str | None]] = []
        self.done = threading.Event()

    def run(self) -> None:
        deadline = time.monotonic() + 180
        while not self.done.is_set() and len(self.results) < 5000:
            if time.monotonic() > deadline:
                break
            try:
                with urllib.request.urlopen(self.url, timeout=10) as response:
                    status, retry = response.status, response.headers["Retry-After"]
            except urllib.error.HTTPError as error:
                status, retry = error.code, error.headers["Retry-After"]
            except OSError:
                status, retry = 0, None  # no answer at all
            self.results.append((time.monotonic(), status, retry))
            time.sleep(0.05)

    def since(self, start: float, end: float = float("inf")):
        return [r for r in self.results if start <= r[0] < end]


def wait_until(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def cluster():
    folder = Path(tempfile.mkdtemp(prefix="cd_he_pg_"))
    server = PostgresCluster(folder)
    server.init()
    server.start()
    yield server
    with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
        server.stop()
    shutil.rmtree(folder, ignore_errors=True)


def test_an_outage_answers_503_with_retry_after_and_recovers(cluster, capsys):
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=cluster.port, user="postgres", autocommit=True
    ) as admin:
        admin.execute('CREATE DATABASE "cd_he_outage"')
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": cluster.url("cd_he_outage"),
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert migrate.returncode == 0, migrate.stderr
    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "--timeout",
            "60",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    poller = Poller(f"http://127.0.0.1:{port}/")
    try:
        wait_for_port(port, timeout=60)
        poller.start()
        assert wait_until(lambda: any(r[1] == 200 for r in poller.results), 60)

        stopped_at = time.monotonic()
        cluster.stop()
        assert wait_until(
            lambda: sum(r[1] == 503 for r in poller.since(stopped_at)) >= 10, 30
        ), collections.Counter(r[1] for r in poller.since(stopped_at))
        time.sleep(max(0.0, OUTAGE - (time.monotonic() - stopped_at)))
        restarted_at = time.monotonic()
        cluster.start()
        started_at = time.monotonic()
        assert wait_until(
            lambda: any(r[1] == 200 for r in poller.since(started_at)),
            RECOVERY_LIMIT,
        )
        first_200 = min(r[0] for r in poller.since(started_at) if r[1] == 200)
        time.sleep(2)
        poller.done.set()
        poller.join(timeout=15)
    finally:
        poller.done.set()
        server.terminate()
        server.wait(timeout=30)

    outage = poller.since(stopped_at, restarted_at)
    after = poller.since(first_200)
    outage_counts = collections.Counter(r[1] for r in outage)
    after_counts = collections.Counter(r[1] for r in after)
    recovery = first_200 - started_at
    with capsys.disabled():
        print(
            f"\noutage: {dict(outage_counts)} over {restarted_at - stopped_at:.1f}s; "
            f"restart took {started_at - restarted_at:.1f}s; "
            f"first 200 {recovery:.2f}s after the cluster was up; "
            f"after recovery: {dict(after_counts)}"
        )
    # While the database is down: 503 and Retry-After, never a 500.
    assert set(outage_counts) <= {200, 503}, outage_counts
    assert all(r[2] == "5" for r in outage if r[1] == 503)
    # Once it is back: every request answered normally, without a restart.
    assert set(after_counts) == {200}, after_counts
    assert recovery < RECOVERY_LIMIT
