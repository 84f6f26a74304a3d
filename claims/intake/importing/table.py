"""Reading an uploaded table into a header and rows of text, or a clear error saying what is
wrong: a CSV file (UTF-8 with or without a byte-order mark, or Windows-1252) or an XLSX
workbook (its `claims` sheet, or its first, and an optional `articles` sheet)."""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings

from claims.intake.importing.records import LoadError
from claims.outputs.export import FORMULA_PATTERN

EXTRA = "__extra__"  # where a row's cells beyond the header go (an error on that row)
_FORMULA = re.compile(FORMULA_PATTERN)
MAX_ROWS = 100_000  # a workbook claiming more rows than this is refused, not read
# A workbook is a zip of XML: a 300 KB upload inflated to a 300 MB shared string (18 s, 1.2 GB
# to read). Refused before any XML is parsed when its parts say they inflate past this; and a
# sheet is read no further than MAX_CELLS cells (empty ones count: they cost as much to read).
# A 10,000-row export of this site inflates to ~6 MB and holds 230,000 cells.
MAX_INFLATED_BYTES = 64 * 1024 * 1024
MAX_CELLS = 2_000_000
XLSX_MAGIC = b"PK\x03\x04"


class TableError(LoadError):
    """A file that cannot be read as a table at all; nothing in it is imported."""


@dataclass
class Table:
    name: str
    header: list[str]
    rows: list[dict[str, str]]  # one per data row, keyed by column name
    encoding: str
    # The line (CSV) or sheet row (XLSX) of each data row, for messages.
    numbers: list[int] | None = None

    def numbered(self):
        numbers = self.numbers or range(2, len(self.rows) + 2)
        return zip(numbers, self.rows, strict=True)


def check_size(size: int, name: str):
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise TableError(
            f"{name}: the file is {size:,} bytes; the most an import takes is {limit:,} "
            "bytes. Split it into smaller files."
        )


def decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise TableError(
            f"{name}: the file is neither UTF-8 nor Windows-1252 text. Save it as "
            "“CSV UTF-8” and try again."
        ) from None


def read_csv(data: bytes, name: str) -> Table:
    check_size(len(data), name)
    if data.startswith(XLSX_MAGIC):
        raise TableError(f"{name}: this is a workbook, not a CSV file; name it .xlsx.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TableError(f"{name}: the file is UTF-16 text. Save it as “CSV UTF-8” and retry.")
    if b"\x00" in data:
        raise TableError(f"{name}: this is not a CSV file (it holds binary data).")
    text, encoding = decode(data, name)
    if not text.strip():
        raise TableError(f"{name}: the file is empty.")
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey=EXTRA, restval="")
    rows, numbers = [], []
    try:
        header = [column.strip() for column in reader.fieldnames or []]
        reader.fieldnames = header
        for row in reader:
            if any(v for k, v in row.items() if k != EXTRA):
                rows.append(row)
                numbers.append(reader.line_num)
    except csv.Error as exc:
        raise TableError(f"{name}: line {reader.line_num} cannot be read as CSV: {exc}") from exc
    _refuse_empty(name, header, rows)
    return Table(name, header, rows, encoding, numbers)


def _refuse_empty(name: str, header: list[str], rows: list):
    if not any(header):
        raise TableError(f"{name}: the first row should name the columns; it is empty.")
    if not rows:
        raise TableError(f"{name}: there is a header but no rows.")


def read_workbook(data: bytes, name: str) -> tuple[Table, Table | None]:
    """The claims sheet (named `claims`, else the first) and the `articles` sheet if any.
    Cells are read as stored values: a formula's last computed value, never evaluated."""
    check_size(len(data), name)
    from openpyxl import load_workbook

    _check_parts(data, name)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise _incomplete(name, exc) from exc
    try:
        names = {sheet.lower(): sheet for sheet in book.sheetnames}
        claims_sheet = book[names.get("claims", book.sheetnames[0])]
        claims = _sheet(claims_sheet, f"{name} (sheet {claims_sheet.title})")
        articles = None
        if "articles" in names and names["articles"] != claims_sheet.title:
            articles = _sheet(book[names["articles"]], f"{name} (sheet articles)")
        return claims, articles
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError, SyntaxError) as exc:
        # SyntaxError: the XML parser's ParseError; ValueError: defusedxml's refusals too.
        raise TableError(
            f"{name}: part of the workbook cannot be read ({type(exc).__name__}); it may be "
            "truncated or damaged."
        ) from exc
    finally:
        book.close()


def _check_parts(data: bytes, name: str):
    """Refuse a workbook whose parts inflate too far, or whose XML declares a DOCTYPE (the
    door to entity expansion and external entities; no spreadsheet writes one), before
    openpyxl parses anything. The sizes are the zip's own: reading never goes past them."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _incomplete(name, exc) from exc
    parts = book.infolist()
    inflated = sum(part.file_size for part in parts)
    if inflated > MAX_INFLATED_BYTES:
        raise TableError(
            f"{name}: the workbook inflates to {inflated:,} bytes when opened; the most an "
            f"import reads is {MAX_INFLATED_BYTES:,}. Split it, or save it as CSV."
        )
    for part in parts:
        if part.filename.endswith((".xml", ".rels")) and _declares_doctype(book, part):
            raise TableError(
                f"{name}: its XML ({part.filename}) declares a DOCTYPE, which no spreadsheet "
                "writes and which can hide entity expansion; refused."
            )


def _incomplete(name: str, exc: Exception) -> TableError:
    return TableError(
        f"{name}: this is not a complete XLSX workbook ({type(exc).__name__}); it may be "
        "truncated or damaged. Save it again from the spreadsheet and retry."
    )


def _declares_doctype(book: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    try:
        with book.open(part) as stream:
            return b"<!DOCTYPE" in stream.read(4096).upper()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False  # left to openpyxl, which says the part cannot be read


def _sheet(sheet, name: str) -> Table:
    # A sheet says its size (openpyxl reads no further): past the bound it is refused before
    # any row is read; the count while reading below holds a sheet that does not say.
    declared = (sheet.max_row or 0) * (sheet.max_column or 0)
    if declared > MAX_CELLS:
        raise TableError(
            f"{name}: more than {MAX_CELLS:,} cells (empty ones too): it says "
            f"{sheet.max_row:,} rows of {sheet.max_column:,} columns; the most an import reads. "
            "Delete unused columns and rows, or split it."
        )
    values = sheet.iter_rows(values_only=True)
    header = [_cell_text(v).strip() for v in next(values, ())]
    while header and not header[-1]:
        header.pop()
    rows, numbers, read = [], [], len(header)
    for number, cells in enumerate(values, start=2):
        if number > MAX_ROWS + 1:
            raise TableError(f"{name}: more than {MAX_ROWS:,} rows; split the workbook.")
        read += len(cells)
        if read > MAX_CELLS:
            raise TableError(
                f"{name}: more than {MAX_CELLS:,} cells (empty ones too) by row {number:,}; "
                "the most an import reads. Delete unused columns and rows, or split it."
            )
        texts = [_cell_text(v) for v in cells]
        if not any(t.strip() for t in texts):
            continue
        row = dict(zip(header, texts[: len(header)], strict=False))
        extra = [t for t in texts[len(header) :] if t.strip()]
        if extra:
            row[EXTRA] = extra
        rows.append(row)
        numbers.append(number)
    _refuse_empty(name, header, rows)
    return Table(name, header, rows, "XLSX", numbers)


def _cell_text(value) -> str:
    """A stored cell value as the text an export would have written."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):  # a spreadsheet's own reading of "true" / "false"
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def unguard(text: str) -> str:
    """Undo the export's formula guard: the "'" it put before a cell a spreadsheet would run."""
    if text.startswith("'") and _FORMULA.match(text[1:]):
        return text[1:]
    return text
