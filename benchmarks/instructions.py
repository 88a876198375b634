"""Instructions per request, counted by valgrind's callgrind: a figure that does
not move with the machine's load, for comparing two versions of the code on a
shared, noisy machine where milliseconds cannot tell a 10% change from noise.

    python -m benchmarks instructions --claims 1000000 --only "admin claim change"

Each page is read in a child process under ``valgrind --tool=callgrind`` (Debian's
``valgrind``): signed in and warmed as ``run`` does, the counters are zeroed, the
page is read ``--requests`` times and the counters dumped. The figure counts the
web process only (not PostgreSQL's work) and is not a time: it answers "did this
change make the page's Python cheaper, and by how much", not "how fast is it".
It needs the database ``run --claims N`` made (``--reuse``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def totals(callgrind_file: Path) -> int:
    """The instruction total of a callgrind output file."""
    for line in callgrind_file.read_text(errors="replace").splitlines():
        found = re.match(r"(?:summary|totals):\s+(\d+)", line)
        if found:
            return int(found.group(1))
    raise ValueError(f"{callgrind_file}: no totals line")


def _child(args: argparse.Namespace) -> None:
    """In the process valgrind watches: read the page, counting only the reads."""
    from benchmarks import pages

    pages._setup(args.database_url, 300)  # valgrind is slow: a generous limit
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.test.utils import override_settings

    label, url, headers = next(c for c in pages._cases() if c[0] == args.label)
    client = Client()
    if headers.get("admin"):
        editor, _ = get_user_model().objects.get_or_create(
            username="benchmark-editor", defaults={"is_staff": True}
        )
        editor.groups.add(Group.objects.get(name="Editors"))
        pages._sign_in(client, editor)
    pid = str(os.getpid())
    with override_settings(
        CLAIMDESK_FRAGMENT_CACHE_SECONDS=86400,
        CLAIMDESK_PAGE_CACHE_SECONDS=86400 if headers.get("page_cache") else 0,
    ):
        for _ in range(3):
            status = client.get(url).status_code
        subprocess.run(["callgrind_control", "-z", pid], capture_output=True)
        for _ in range(args.requests):
            client.get(url)
        dump = ["callgrind_control", "-d", "measured", pid]
        subprocess.run(dump, capture_output=True)
    print(f"{label}\t{url}\t{status}")


def _measure(args: argparse.Namespace, label: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        command = [
            "valgrind", "--tool=callgrind", "--dump-instr=no",
            f"--callgrind-out-file={out}.%p",
            sys.executable, "-m", "benchmarks.instructions", "--child",
            "--database-url", args.database_url, "--label", label,
            "--requests", str(args.requests),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        dumps = sorted(Path(tmp).glob("callgrind.out.*.1"))
        if done.returncode != 0 or not dumps:
            tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
            raise SystemExit(f"{label}: the child failed:\n" + "\n".join(tail))
        url, status = done.stdout.strip().splitlines()[-1].split("\t")[1:]
        per_request = totals(dumps[0]) / args.requests
    return {"url": url, "status": int(status), "instructions": per_request}


def main(argv: list[str] | None = None) -> None:
    from benchmarks.pages import DEFAULT_URL

    parser = argparse.ArgumentParser(prog="python -m benchmarks instructions")
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--database-url", help=f"default {DEFAULT_URL}")
    parser.add_argument(
        "--only", action="append", default=[],
        help="the pages whose label contains this (repeatable; default: the "
        "desk's claim page)",
    )  # fmt: skip
    parser.add_argument("--requests", type=int, default=3)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--label", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.database_url = args.database_url or DEFAULT_URL.format(n=args.claims)
    if args.requests < 1:
        parser.error("--requests must be at least 1")
    if args.child:
        _child(args)
        return
    if not (shutil.which("valgrind") and shutil.which("callgrind_control")):
        parser.error("needs valgrind (Debian: apt-get install valgrind)")
    from benchmarks import pages

    pages._setup(args.database_url, 30)
    wanted = args.only or ["admin claim change"]
    labels = [c[0] for c in pages._cases() if any(w in c[0] for w in wanted)]
    if not labels:
        parser.error(f"no page's label contains {wanted}")
    print(f"{args.claims:,} claims; instructions per request, {args.requests} requests")
    for label in labels:
        result = _measure(args, label)
        millions = result["instructions"] / 1e6
        print(f"{label:<36} {millions:>10.1f} M  (status {result['status']})")


if __name__ == "__main__":
    main()
