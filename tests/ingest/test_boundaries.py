"""The importer writes only through claims.services: no ORM write in ingest/."""

import re
from pathlib import Path

INGEST = Path(__file__).resolve().parents[2] / "ingest"
WRITES = re.compile(
    r"\.(save|delete|bulk_create|bulk_update|get_or_create|update_or_create)\("
    r"|\.objects\.(create|update)\("
)


def test_ingest_never_writes_to_the_database_itself():
    offenders = [
        f"{path.relative_to(INGEST.parent)}:{n}: {line.strip()}"
        for path in INGEST.rglob("*.py")
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if WRITES.search(line)
    ]
    assert offenders == [], "write through claims.services instead"
