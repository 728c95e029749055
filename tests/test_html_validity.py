"""Every page, as each role gets it (and each form as it comes back with errors), is valid
HTML according to the Nu HTML Checker (vnu.jar, installed by test.sh; it needs Java).

The pages come from tests/pages.py, like the accessibility sweep's; they are saved to files
and checked in one run of the checker, since starting Java costs more than checking a page.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client

from tests.pages import SWEPT_ROLES, load_demo_users, pages_for, slug

VNU_JAR = Path(
    os.environ.get("VNU_JAR", ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
).absolute()
JAVA = shutil.which("java")

pytestmark = pytest.mark.skipif(
    not (JAVA and VNU_JAR.exists()),
    reason=f"no Java or no Nu HTML Checker at {VNU_JAR} (./test.sh installs both)",
)


def is_html(response) -> bool:
    """A page, not a file: downloads (attachments, exports) are left out."""
    return (
        not response.streaming
        and response["Content-Type"].startswith("text/html")
        and not response.get("Content-Disposition", "").startswith("attachment")
    )


def save_pages(directory: Path) -> int:
    """Every page of every role into `directory`, as the browser would receive it."""
    users = load_demo_users()
    saved = 0
    for role in SWEPT_ROLES:
        client = Client(headers={"accept-language": "nl-BE"})
        if role in users:
            client.force_login(users[role])
        # Each role's routes make their own rows (one frozen report per date, for one).
        with transaction.atomic():
            for entry in pages_for(role):
                responses = [("", client.get(entry.url))]
                if entry.form and role == "police":
                    responses.append(("-errors", client.post(entry.url, {})))
                for suffix, response in responses:
                    if is_html(response) and response.status_code == entry.status:
                        name = f"{role}--{slug(entry.id)}{suffix}.html"
                        (directory / name).write_bytes(response.content)
                        saved += 1
            transaction.set_rollback(True)
    return saved


def vnu_errors(directory: Path) -> dict[str, list[str]]:
    """The checker's errors per file, in one run over the whole directory."""
    command = [JAVA, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]
    command += ["--exit-zero-always", "--skip-non-html", str(directory)]
    completed = subprocess.run(command, capture_output=True, text=True, check=True, timeout=300)
    errors = {}
    for message in json.loads(completed.stderr)["messages"]:
        name = message.get("url", "").rsplit("/", 1)[-1]
        line = message.get("lastLine", "?")
        errors.setdefault(name, []).append(
            f"line {line}: {message['message']} “{message.get('extract', '').strip()}”"
        )
    return errors


@pytest.mark.django_db
def test_every_page_is_valid_html(tmp_path):
    saved = save_pages(tmp_path)
    assert saved > 50, f"only {saved} pages were saved"
    errors = vnu_errors(tmp_path)
    assert not errors, json.dumps(errors, indent=1, ensure_ascii=False)
