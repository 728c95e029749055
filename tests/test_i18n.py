"""The Dutch catalogs are complete, compiled, and cover every string in the code."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
CATALOGS = sorted(BASE_DIR.glob("*/locale/nl/LC_MESSAGES/django.po")) + sorted(
    BASE_DIR.glob("locale/nl/LC_MESSAGES/django.po")
)


def test_there_is_a_dutch_catalog_for_the_project_and_each_app():
    owners = {path.relative_to(BASE_DIR).parts[0] for path in CATALOGS}
    assert owners == {"locale", "recommendations", "training", "id_checks", "reminders"}


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_every_string_has_a_dutch_translation(path):
    catalog = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated}"
    assert not fuzzy, f"fuzzy (check and clear the flag): {fuzzy}"


def test_a_message_has_the_same_translation_in_every_catalog():
    """Django merges the catalogs and the first one wins: a second wording would be lost."""
    seen = {}
    conflicts = []
    for path in CATALOGS:
        for entry in polib.pofile(str(path)):
            if entry.msgid_plural or not entry.msgstr:
                continue
            first = seen.setdefault(entry.msgid, (entry.msgstr, path.parts[-4]))
            if first[0] != entry.msgstr:
                conflicts.append(f"{entry.msgid!r}: {first} vs {entry.msgstr!r} ({path.parts[-4]})")
    assert not conflicts, conflicts


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_the_committed_mo_file_matches_its_po_file(path):
    po = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(path)) if e.translated()}
    mo = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(path.with_suffix(".mo")))}
    assert po == {key: value for key, value in mo.items() if key[1]}, "run compilemessages"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext is not installed")
def test_the_catalogs_hold_every_translatable_string_in_the_code(tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(
        BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "staticfiles", "media", "test-results", "*.sqlite3", "__pycache__"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "nl",
            "--no-obsolete",
            "--ignore=bench/*",
            "--ignore=tests/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    for path in CATALOGS:
        fresh = polib.pofile(str(copy / path.relative_to(BASE_DIR)))
        committed = polib.pofile(str(path))
        missing = {e.msgid for e in fresh} - {e.msgid for e in committed}
        assert not missing, f"{path.relative_to(BASE_DIR)}: run makemessages; new: {missing}"
