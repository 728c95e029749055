"""CSV/XLSX export of a filtered, sorted django-tables2 table, safe to open in a spreadsheet."""

from django_tables2.export import ExportMixin, TableExport
from tablib import Dataset

from core import dates

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Neutralise spreadsheet formula injection (OWASP: prefix a single quote)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeTableExport(TableExport):
    """Only CSV and XLSX, every cell escaped against formula injection."""

    ALLOWED = (TableExport.CSV, TableExport.XLSX)

    @classmethod
    def is_valid_format(cls, export_format):
        return export_format in cls.ALLOWED

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        plain = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        escaped = Dataset(title=plain.title)
        escaped.headers = [escape_formula(header) for header in plain.headers or []]
        for row in plain:
            escaped.append([escape_formula(cell) for cell in row])
        return escaped


class SafeExportMixin(ExportMixin):
    """Export of the filtered table: `?_export=csv` or `?_export=xlsx`."""

    export_class = SafeTableExport
    export_formats = SafeTableExport.ALLOWED
    export_name = "export"

    def get_export_filename(self, export_format):
        return f"{self.export_name}-{dates.today():%Y%m%d}.{export_format}"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if "per_page" in request.GET:
            # Not offered in the interface, and below 1 it breaks django-tables2's paginator.
            request.GET = request.GET.copy()
            del request.GET["per_page"]
