"""Run Claimdesk under config.settings.prod in a subprocess, as a deployer would."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
# 50 random-looking characters: what `check --deploy` calls a strong key.
SECRET = "p5Zr8kQ2vX9mW4tB7nL1cF6hJ3dS0gA-yE_uR8iO2wT5qN7zM1"


def prod_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "CLAIMDESK_", "DATABASE_URL", "REDIS_URL", "AWS_")
        )
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        DJANGO_SECRET_KEY=SECRET,
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        DJANGO_ALLOWED_HOSTS="claims.example",
    )
    env.update(extra)
    return {key: value for key, value in env.items() if value is not None}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
