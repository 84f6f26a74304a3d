"""Ways records come in: `records.RecordLoader` writes plain records (the newsroom's fields,
whatever file they came from) through the admin's validation and the workflow. The seed
loader (claims.seeding) is its first user; imports of spreadsheets and ClaimReview will be
the next."""

from claims.importing.records import LoadError, RecordLoader

__all__ = ["LoadError", "RecordLoader"]
