"""Bounds on the work one import file may cause, checked before and while parsing.

A small XLSX can expand to gigabytes (a zip bomb) or claim a million rows; a CSV can hold
millions of lines. Each is refused with a Dutch error before it keeps a worker busy.
"""

import csv
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# 100,000 rows is the benchmarked import (bench/import_completions.py); as XLSX it holds
# about 14 MB of XML. Only the first columns are read: the import needs four.
MAX_ROWS = 100_000
MAX_COLUMNS = 50
XLSX_MAX_UNCOMPRESSED_BYTES = 20 * 1000 * 1000
XLSX_MAX_MEMBERS = 200


def too_many_rows() -> ValidationError:
    return ValidationError(
        _("The file has more than %(limit)s rows. Split it and import the parts one by one.")
        % {"limit": f"{MAX_ROWS:,}".replace(",", ".")},
        code="too_many_rows",
    )


def check_xlsx_size(path: Path) -> None:
    """Refuse an XLSX whose parts would expand beyond the bound, before anything is parsed
    (zipfile never inflates a part beyond the size its directory declares)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise ValidationError(_("This XLSX file cannot be read.")) from error
    expanded = sum(member.file_size for member in members)
    if len(members) > XLSX_MAX_MEMBERS or expanded > XLSX_MAX_UNCOMPRESSED_BYTES:
        raise ValidationError(
            _(
                "This XLSX file unpacks to more than %(limit)s MB. Save only the columns and "
                "rows to import, or save it as CSV."
            )
            % {"limit": XLSX_MAX_UNCOMPRESSED_BYTES // 1_000_000},
            code="xlsx_too_large",
        )


def check_bounds(path: Path) -> None:
    """The cheap checks, on upload: the size an XLSX expands to; a CSV's number of lines."""
    if path.suffix == ".xlsx":
        check_xlsx_size(path)
    elif path.read_bytes().count(b"\n") > MAX_ROWS + 1:
        raise too_many_rows()


def unreadable(rows, message: str):
    """Rows of a parser, with whatever it raises on a damaged file as a Dutch error."""
    try:
        yield from rows
    except (csv.Error, ValueError, KeyError, TypeError, zipfile.BadZipFile) as error:
        raise ValidationError(message) from error
