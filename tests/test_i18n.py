"""The Dutch catalogs are complete, compiled, and cover every string in the code."""

import re
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
    assert owners == {"locale", "recommendations", "training", "id_checks", "accounts", "reminders"}


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
            # The same words in another context (msgctxt) may read differently.
            key = (entry.msgctxt, entry.msgid)
            first = seen.setdefault(key, (entry.msgstr, path.parts[-4]))
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


# --- the Dutch pages, whatever language the caches were filled in ---------------------------

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def english_messages() -> dict[str, re.Pattern]:
    """Every source string whose Dutch translation differs, as a pattern that finds it in a
    line of text: a one-word message only as the whole line (a label, a button), a longer
    one anywhere between word boundaries; placeholders match any text."""
    patterns = {}
    for path in CATALOGS:
        for entry in polib.pofile(str(path)):
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                translations = [entry.msgstr, *entry.msgstr_plural.values()]
                if msgid in translations or not any(c.isalpha() for c in msgid):
                    continue
                literal = PLACEHOLDER.sub("\0", msgid.strip())
                body = r"\s+".join(re.escape(part).replace("\0", ".+?") for part in literal.split())
                if " " in literal:
                    patterns[msgid] = re.compile(rf"(?<!\w){body}(?!\w)")
                else:
                    patterns[msgid] = re.compile(rf"^{body}:?$")
    return patterns


def english_in(html: str, patterns: dict[str, re.Pattern]) -> set[str]:
    from tests.html import outline_text as text

    attributes = re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', html)
    lines = [line.strip() for line in [*text(html).splitlines(), *attributes]]
    return {msgid for msgid, pattern in patterns.items() for line in lines if pattern.search(line)}


def in_language(client, language: str):
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.mark.usefixtures("demo_data")
def test_the_dutch_dashboard_stays_dutch_after_an_english_visit(db, council_client, staff_client):
    in_language(staff_client, "en").get("/")
    page = in_language(council_client, "nl-be").get("/").content.decode()
    assert "Nog niet beoordeeld" in page
    assert "Not yet assessed" not in page


@pytest.mark.usefixtures("demo_data")
def test_no_dutch_page_shows_an_english_message_after_every_page_was_seen_in_english(
    db, staff_client, council_client
):
    from django.urls import reverse

    from tests.matrix import ALL_ROUTES

    made = {}  # each route's rows made once: two routes may share them
    urls = []
    for route in ALL_ROUTES:
        if route.kwargs not in made:
            made[route.kwargs] = route.kwargs()
        if "_export" not in route.query:
            urls.append(reverse(route.name, kwargs=made[route.kwargs]) + route.query)
    clients = {"police": staff_client, "council": council_client}
    for client in clients.values():
        for url in urls:
            in_language(client, "en").get(url)
    patterns = english_messages()
    found, pages = {}, 0
    for role, client in clients.items():
        for url in urls:
            response = in_language(client, "nl-be").get(url)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            if response.has_header("Content-Disposition"):  # a frozen report, a download
                continue
            pages += 1
            html = response.content.decode()
            assert '<html lang="nl-BE">' in html or 'lang="nl-be"' in html, url
            if english := english_in(html, patterns):
                found[f"{role} {url}"] = sorted(english)
    assert pages > 40
    assert not found, found
