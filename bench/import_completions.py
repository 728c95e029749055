"""Import benchmark: a 100,000-row learning-platform CSV through preview and confirm.

Creates a throw-away test database (like the test runner), 20,000 fictional staff members
and 5 modules, writes the CSV, then times `imports.preview` and `imports.confirm` (one
transaction, bulk inserts plus history rows), and a re-import (which must add nothing).

    .venv/bin/python bench/import_completions.py                     # SQLite (temp file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pf_bench \\
      .venv/bin/python bench/import_completions.py                   # PostgreSQL
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "profiling_followup.settings_test")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--modules", type=int, default=5)
    args = parser.parse_args()

    import django
    from django.conf import settings

    workdir = Path(tempfile.mkdtemp(prefix="pf-bench-import-"))
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        # A file, as in a real deployment, rather than the test runner's in-memory default.
        database["TEST"] = {"NAME": str(workdir / "bench.sqlite3")}
    django.setup()

    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(args, workdir)
    finally:
        connection.creation.destroy_test_db(database["NAME"], verbosity=0)


def run(args, workdir: Path) -> None:
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection

    from training import imports
    from training.models import Completion, Module, StaffMember, Unit

    actor = get_user_model().objects.create(username="bench")
    unit = Unit.objects.create(name="Benchdienst")
    staff_count = args.rows // args.modules
    StaffMember.objects.bulk_create(
        StaffMember(staff_number=f"B{index:06d}", name=f"Bench Voorbeeld {index}", unit=unit)
        for index in range(staff_count)
    )
    Module.objects.bulk_create(
        Module(code=f"bench-{index}", name=f"Bench {index}", kind=Module.Kind.ONLINE)
        for index in range(args.modules)
    )
    start_day = datetime.date(2021, 1, 1)
    lines = ["personeelsnummer;module;datum"]
    for row in range(args.rows):
        day = start_day + datetime.timedelta(days=row % 1000)
        lines.append(f"B{row // args.modules:06d};bench-{row % args.modules};{day:%d/%m/%Y}")
    content = ("\n".join(lines) + "\n").encode()
    token = imports.store_upload(SimpleUploadedFile("bench.csv", content))
    path = imports.stored_file(token)

    began = time.perf_counter()
    result = imports.preview(path)
    previewed = time.perf_counter()
    added = imports.confirm(path, actor=actor)
    confirmed = time.perf_counter()
    again = imports.preview(path)
    reimported = time.perf_counter()

    assert len(result.to_add) == args.rows and not result.errors, "preview found errors"
    assert added == Completion.objects.count() == args.rows
    assert Completion.history.count() == args.rows
    assert again.unchanged == args.rows and not again.to_add
    print(f"database: {connection.vendor}; rows: {args.rows:,} ({len(content) / 1e6:.1f} MB CSV)")
    print(f"preview (dry run):          {previewed - began:6.1f} s")
    print(f"confirm (preview + insert): {confirmed - previewed:6.1f} s")
    print(f"re-import preview:          {reimported - confirmed:6.1f} s (adds nothing)")
    imports.discard(token)


if __name__ == "__main__":
    main()
