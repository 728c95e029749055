"""Hostile import files, made in the tests: zip bombs, sheets with too many rows, huge CSVs."""

import io
import zipfile

from openpyxl import Workbook

HEADER = ("personeelsnummer", "module", "datum")
# One data row as Excel writes it (inline strings, no row or cell references needed).
ROW = (
    b'<row><c t="inlineStr"><is><t>P1</t></is></c><c t="inlineStr"><is><t>hk-m1</t></is></c>'
    b'<c t="inlineStr"><is><t>01/02/2023</t></is></c></row>'
)


def _workbook_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(HEADER)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_with_rows(rows: int, *, row: bytes = ROW, dimension: str | None = None) -> bytes:
    """A real workbook whose first sheet holds the header and `rows` copies of `row`.

    Written in chunks of identical rows, so a million rows (136 MB of XML) deflate to a few
    hundred kilobytes, as in the reported attack. `dimension` is the range the sheet claims.
    """
    source = zipfile.ZipFile(io.BytesIO(_workbook_bytes()))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for member in source.infolist():
            if member.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(member, source.read(member))
                continue
            with archive.open(member.filename, "w", force_zip64=True) as sheet:
                sheet.write(
                    b'<?xml version="1.0" encoding="UTF-8"?>'
                    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                )
                if dimension:
                    sheet.write(f'<dimension ref="{dimension}"/>'.encode())
                sheet.write(b"<sheetData>")
                sheet.write(
                    ROW.replace(b"P1", b"personeelsnummer", 1)
                    .replace(b"hk-m1", b"module")
                    .replace(b"01/02/2023", b"datum")
                )
                chunk = row * 1000
                for _ in range(rows // 1000):
                    sheet.write(chunk)
                sheet.write(row * (rows % 1000))
                sheet.write(b"</sheetData></worksheet>")
    return output.getvalue()


def csv_with_rows(rows: int) -> bytes:
    return b"personeelsnummer;module;datum\n" + b"P1;hk-m1;01/02/2023\n" * rows
