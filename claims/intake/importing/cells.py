"""A row's cells read as an import reads them: trimmed, the export's formula guard undone,
dates ISO only, choices checked; each problem added to the row's errors in words.

A spreadsheet saved again by LibreOffice or Excel changes what it thinks it understood: the
verdict code `true` comes back as the boolean `TRUE`, a label may change case. A choice is
read by its code or its label in any letter case, so such a file imports unchanged."""

from claims.intake.importing.table import unguard
from claims.pages.params import iso_date


class Cells:
    """A row's cells read as the import reads them; each problem is added to `errors`."""

    def __init__(self, cells: dict, errors: list[str]):
        self.cells, self.errors = cells, errors

    def text(self, name: str, required=False) -> str:
        value = unguard((self.cells.get(name) or "").strip())
        if required and not value:
            self.errors.append(f"{name}: empty; it is required")
        return value

    def date(self, name: str, required=False):
        value = self.text(name, required=required)
        if not value:
            return None
        try:
            return iso_date(value)
        except ValueError:
            self.errors.append(f"{name}: “{value}” is not a date written YYYY-MM-DD")
            return None

    def choice(self, name: str, choices, required=False) -> str:
        value = self.text(name, required=required)
        if not value:
            return ""
        known = {code.lower(): code for code in choices.values}
        known |= {str(label).lower(): code for code, label in choices.choices}
        if value.lower() not in known:
            self.errors.append(f"{name}: “{value}” is not one of {', '.join(choices.values)}")
            return ""
        return known[value.lower()]
