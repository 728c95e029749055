"""Import of completions exported by the learning platform (CSV or XLSX).

The upload is kept server-side under MEDIA_ROOT/training-imports, named by a random token
that only the uploader's session knows; the preview and the confirmation both read that
file, never anything sent back by the browser. `preview` classifies every row (to add,
unchanged, error with its row number and a Dutch reason) and writes nothing; `confirm`
re-reads the file and imports all rows in one transaction, or none if any row is wrong.
Rows already present (same staff member, module and validity period) are unchanged, so
re-importing a file adds nothing.
"""

import csv
import datetime
import io
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core import dates
from training import services
from training.import_bounds import (
    MAX_COLUMNS,
    MAX_ROWS,
    check_bounds,
    check_xlsx_size,
    too_many_rows,
    unreadable,
)
from training.models import Completion, Module, ModulePrerequisite, Session, StaffMember

EXTENSIONS = (".csv", ".xlsx")
# Accepted header names (lower case) per column; the platform exports Dutch headers.
COLUMNS = {
    "staff_number": ("personeelsnummer", "staff_number", "staff number"),
    "module": ("module", "modulecode", "module_code", "module code"),
    "completed_on": ("datum", "voltooid op", "completed_on", "completion date"),
    "session": ("sessie", "session"),
}
REQUIRED = ("staff_number", "module", "completed_on")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")
# Values quoted back in error messages are cut to this length.
QUOTE_LENGTH = 40
SHOWN_ERRORS = 200


def import_directory() -> Path:
    return Path(settings.MEDIA_ROOT) / "training-imports"


@dataclass
class RowError:
    row_number: int
    reason: str


@dataclass
class Preview:
    to_add: list[Completion] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def shown_errors(self) -> list[RowError]:
        return self.errors[:SHOWN_ERRORS]

    @property
    def can_import(self) -> bool:
        return not self.errors and bool(self.to_add)


def store_upload(upload) -> str:
    """Validate and keep an uploaded file; returns the token that names it."""
    extension = Path(upload.name).suffix.lower()
    if extension not in EXTENSIONS:
        raise ValidationError(gettext_lazy("Upload a CSV or XLSX file."), code="file_type")
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            gettext_lazy("The file is too large; the limit is %(limit)s MB."),
            code="file_too_large",
            params={"limit": settings.UPLOAD_MAX_BYTES // 1_000_000},
        )
    token = secrets.token_urlsafe(24)
    directory = import_directory()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{token}{extension}"
    with open(path, "wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    try:
        check_bounds(path)
    except ValidationError:
        path.unlink(missing_ok=True)
        raise
    return token


def stored_file(token: str | None) -> Path | None:
    """The kept file of `token`, or None (unknown, malformed or already used)."""
    if not token or not TOKEN_PATTERN.match(token):
        return None
    for extension in EXTENSIONS:
        path = import_directory() / f"{token}{extension}"
        if path.is_file():
            return path
    return None


def discard(token: str | None) -> None:
    path = stored_file(token)
    if path is not None:
        path.unlink(missing_ok=True)


def _quote(value) -> str:
    text = str(value)
    return text if len(text) <= QUOTE_LENGTH else text[: QUOTE_LENGTH - 1] + "…"


def _csv_rows(path: Path):
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.")
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return unreadable(rows, _("This CSV file cannot be read."))


def _xlsx_rows(path: Path):
    from openpyxl import load_workbook

    check_xlsx_size(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as error:
        # openpyxl raises many types for damaged files; all mean the same to the user.
        raise ValidationError(_("This XLSX file cannot be read.")) from error
    # The sheet's own dimension, when it has one, refuses a huge sheet without reading it.
    if (sheet.max_row or 0) > MAX_ROWS + 1:
        raise too_many_rows()
    # Explicit bounds: a sheet may claim (or have) cells up to column XFD and row 1,048,576.
    rows = sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS, values_only=True)
    return unreadable(rows, _("This XLSX file cannot be read."))


def read_rows(path: Path):
    """(row number as the user sees it, {column: value}) for every non-empty data row."""
    rows = _xlsx_rows(path) if path.suffix == ".xlsx" else _csv_rows(path)
    header = next(iter(rows), None)
    if not header or not any(cell not in (None, "") for cell in header):
        raise ValidationError(_("The file is empty."))
    names = [str(cell or "").strip().lower() for cell in header]
    positions = {}
    for column, aliases in COLUMNS.items():
        for index, name in enumerate(names):
            if name in aliases:
                positions[column] = index
                break
    missing = [COLUMNS[column][0] for column in REQUIRED if column not in positions]
    if missing:
        raise ValidationError(
            _(
                "Missing columns: %(missing)s. Expected: personeelsnummer, module, datum and "
                "optionally sessie."
            )
            % {"missing": ", ".join(missing)}
        )
    for row_number, row in enumerate(rows, start=2):
        if row_number > MAX_ROWS + 1:
            raise too_many_rows()
        values = {
            column: (row[index] if index < len(row) else None)
            for column, index in positions.items()
        }
        if all(value in (None, "") for value in values.values()):
            continue
        yield row_number, values


def parse_date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _text(value) -> str:
    # XLSX cells holding numbers come back as int/float; staff numbers are text.
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value if value is not None else "").strip()


class _Lookups:
    """Everything the rows are checked against, read in a fixed number of queries."""

    def __init__(self, session_ids: set[int]):
        self.staff = dict(StaffMember.objects.values_list("staff_number", "pk"))
        self.modules = {module.code: module for module in Module.objects.all()}
        self.sessions = dict(
            Session.objects.filter(pk__in=session_ids).values_list("pk", "module_id")
        )
        self.existing = set(
            Completion.objects.values_list("staff_id", "module_id", "period_number")
        )
        self.requires: dict[int, list[int]] = {}
        for module_id, required_id in ModulePrerequisite.objects.values_list(
            "module_id", "required_id"
        ):
            self.requires.setdefault(module_id, []).append(required_id)
        required_ids = {rid for ids in self.requires.values() for rid in ids}
        self.first_done = {
            (row["staff_id"], row["module_id"]): row["first"]
            for row in Completion.objects.filter(module_id__in=required_ids)
            .values("staff_id", "module_id")
            .annotate(first=Min("completed_on"))
        }


def _session_id(value) -> int | None:
    text = _text(value)
    return int(text) if text.isdigit() else None


def _check_row(values, lookups: _Lookups, today) -> tuple[list[str], dict]:
    reasons = []
    number, code = _text(values.get("staff_number")), _text(values.get("module"))
    staff_id = lookups.staff.get(number)
    if staff_id is None:
        reasons.append(_("Unknown staff number “%(value)s”.") % {"value": _quote(number)})
    module = lookups.modules.get(code)
    if module is None:
        reasons.append(_("Unknown module “%(value)s”.") % {"value": _quote(code)})
    completed_on = parse_date(values.get("completed_on"))
    if completed_on is None:
        reasons.append(
            _("“%(value)s” is not a date (write 19/02/2024 or 2024-02-19).")
            % {"value": _quote(values.get("completed_on") or "")}
        )
    session_text = _text(values.get("session"))
    session_id = _session_id(session_text)
    if session_text and session_id not in lookups.sessions:
        reasons.append(_("Unknown session “%(value)s”.") % {"value": _quote(session_text)})
    elif module is not None:
        # The rules every completion obeys, whichever way it is recorded.
        try:
            services.check_completion(
                completed_on=completed_on,
                module_id=module.pk,
                session_module_id=lookups.sessions.get(session_id),
                today=today,
            )
        except ValidationError as error:
            reasons.extend(error.messages)
    row = {
        "staff_id": staff_id,
        "module": module,
        "completed_on": completed_on,
        "session_id": session_id,
    }
    return reasons, row


def preview(path: Path) -> Preview:
    """Classify every row of the kept file; writes nothing."""
    rows = list(read_rows(path))
    if not rows:
        raise ValidationError(_("The file holds no rows to import."))
    lookups = _Lookups({_session_id(values.get("session")) for _, values in rows} - {None})
    today = dates.today()
    result = Preview()
    seen: dict[tuple, int] = {}
    valid = []
    for row_number, values in rows:
        reasons, row = _check_row(values, lookups, today)
        if reasons:
            result.errors.append(RowError(row_number, " ".join(reasons)))
            continue
        module = row["module"]
        key = (row["staff_id"], module.pk, module.period_number(row["completed_on"]))
        if key in lookups.existing:
            result.unchanged += 1
        elif key in seen:
            result.errors.append(
                RowError(
                    row_number,
                    _("Same staff member, module and validity period as row %(row)s.")
                    % {"row": seen[key]},
                )
            )
        else:
            seen[key] = row_number
            valid.append((key, row))
            done = (row["staff_id"], module.pk)
            first = lookups.first_done.get(done)
            if first is None or row["completed_on"] < first:
                lookups.first_done[done] = row["completed_on"]
    for (staff_id, module_id, period), row in valid:
        required = lookups.requires.get(module_id, ())
        firsts = {module: lookups.first_done.get((staff_id, module)) for module in required}
        result.to_add.append(
            Completion(
                staff_id=staff_id,
                module_id=module_id,
                session_id=row["session_id"],
                completed_on=row["completed_on"],
                method=Completion.Method.IMPORT,
                period_number=period,
                before_prerequisite=services.before_prerequisite(
                    completed_on=row["completed_on"],
                    required_ids=required,
                    first_completions=firsts,
                ),
            )
        )
    return result


@transaction.atomic
def confirm(path: Path, *, actor) -> int:
    """Import every row of the kept file, or none; returns how many were added."""
    result = preview(path)
    if result.errors:
        count = len(result.errors)
        raise ValidationError(
            ngettext(
                "The file has %(count)s row with errors: nothing was imported.",
                "The file has %(count)s rows with errors: nothing was imported.",
                count,
            )
            % {"count": count}
        )
    return services.completions_bulk_create(
        completions=result.to_add, actor=actor, reason=_("Import from the learning platform")
    )
