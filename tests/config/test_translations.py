"""Every string the site and the desk show has an Indonesian translation.

``makemessages`` runs over a copy of the project (so the repository's catalogue is
left alone) and gathers every msgid a template or Python module of ours marks for
translation; each must be translated in locale/id/LC_MESSAGES/django.po, not
missing, empty or fuzzy. The committed .mo must be that .po compiled, or Django
would not show what the .po says. Needs GNU gettext (xgettext, msgattrib, msgfmt),
as makemessages itself does.
"""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: every package of the project (tests and benchmarks aside), templates, catalogue
SOURCES = [
    *sorted(
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in ("tests", "benchmarks")
    ),
    "templates",
    "locale",
]
PO = Path("locale/id/LC_MESSAGES/django.po")
MO = Path("locale/id/LC_MESSAGES/django.mo")


def _need_gettext():
    missing = [t for t in ("xgettext", "msgattrib", "msgfmt") if not shutil.which(t)]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"GNU gettext is missing ({', '.join(missing)})")
        pytest.skip(f"GNU gettext not installed ({', '.join(missing)})")


def _msgids(po_text: str) -> list[str]:
    """The msgids of a .po text (joined continuation lines), without the header."""
    ids, current, collecting = [], None, False
    for line in po_text.splitlines():
        if line.startswith("msgid "):
            current, collecting = line[7:-1], True
        elif collecting and line.startswith('"'):
            current += line[1:-1]
        else:
            if collecting and current:
                ids.append(current)
            collecting = False
    if collecting and current:
        ids.append(current)
    return ids


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The repository's catalogue, updated by makemessages from the current code."""
    _need_gettext()
    copy = tmp_path_factory.mktemp("project")
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "node_modules")
    for name in SOURCES:
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "id", "--no-location"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    return copy / PO


def _attrib(po: Path, *flags: str) -> list[str]:
    out = subprocess.run(
        ["msgattrib", *flags, "--no-obsolete", "--no-wrap", str(po)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return _msgids(out)


def test_every_string_in_use_is_translated(extracted):
    assert _attrib(extracted, "--untranslated") == []


def test_no_translation_is_a_guess(extracted):
    # makemessages marks a new msgid "fuzzy" with a similar string's translation.
    assert _attrib(extracted, "--only-fuzzy") == []


def test_the_compiled_catalogue_is_the_po(tmp_path):
    _need_gettext()
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(ROOT / PO)], check=True)
    with (ROOT / MO).open("rb") as committed, fresh.open("rb") as compiled:
        assert (
            gettext.GNUTranslations(committed)._catalog  # type: ignore[attr-defined]
            == gettext.GNUTranslations(compiled)._catalog  # type: ignore[attr-defined]
        ), f"run: msgfmt -o {MO} {PO}"
