"""Ways records come in. `records.RecordLoader` writes plain records through the admin's
validation and the workflow (the seed loader uses it). Bulk imports of claims (CSV or XLSX
with the export's columns, ClaimReview JSON) go upload → preview → confirm → (undo), each
step recorded on a ClaimImport:

    record = importing.start(name, data, user=…, publish=…)   # refuses unreadable files
    plan = importing.preview_of(record)                       # every row, nothing written
    importing.confirm(record, user)                           # all rows or none
    importing.undo(record, user)                              # while nothing was touched
"""

from claims.intake.importing.claims_file import Preview
from claims.intake.importing.records import LoadError, RecordLoader, counted
from claims.intake.importing.runs import confirm, preview_of, start
from claims.intake.importing.table import TableError
from claims.intake.importing.undo import planned as undo_planned
from claims.intake.importing.undo import problems as undo_problems
from claims.intake.importing.undo import undo

__all__ = [
    "LoadError",
    "Preview",
    "RecordLoader",
    "TableError",
    "confirm",
    "counted",
    "preview_of",
    "start",
    "undo",
    "undo_planned",
    "undo_problems",
]
