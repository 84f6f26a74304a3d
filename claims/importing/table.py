"""Reading an uploaded table: a CSV file (UTF-8 with or without a byte-order mark, or
Windows-1252) into a header and rows of text, or a clear error saying what is wrong."""

import csv
import io
import re
from dataclasses import dataclass

from django.conf import settings

from claims.export import FORMULA_PATTERN
from claims.importing.records import LoadError

EXTRA = "__extra__"  # where a row's cells beyond the header go (an error on that row)
_FORMULA = re.compile(FORMULA_PATTERN)


class TableError(LoadError):
    """A file that cannot be read as a table at all; nothing in it is imported."""


@dataclass
class Table:
    name: str
    header: list[str]
    rows: list[dict[str, str]]  # one per data row, keyed by column name
    encoding: str


def decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8"
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
    limit = settings.IMPORT_MAX_BYTES
    if len(data) > limit:
        raise TableError(
            f"{name}: the file is {len(data):,} bytes; the most an import takes is {limit:,}."
        )
    if b"\x00" in data:
        raise TableError(f"{name}: this is not a CSV file (it holds binary data).")
    text, encoding = decode(data, name)
    if not text.strip():
        raise TableError(f"{name}: the file is empty.")
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey=EXTRA, restval="")
    try:
        header = [name.strip() for name in reader.fieldnames or []]
        reader.fieldnames = header
        rows = [row for row in reader if any(v for k, v in row.items() if k != EXTRA)]
    except csv.Error as exc:
        raise TableError(f"{name}: line {reader.line_num} cannot be read as CSV: {exc}") from exc
    if not rows:
        raise TableError(f"{name}: there is a header but no rows.")
    return Table(name, header, rows, encoding)


def unguard(text: str) -> str:
    """Undo the export's formula guard: the "'" it put before a cell a spreadsheet would run."""
    if text.startswith("'") and _FORMULA.match(text[1:]):
        return text[1:]
    return text
