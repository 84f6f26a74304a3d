"""On SQLite only: an FTS5 index of each claim's search text (claims.search), kept in step by
triggers on claims_claim, so every way of writing a claim (a save, a set-based UPDATE, an
import, a delete) keeps it. On PostgreSQL the stored tsvector does this job (0006).

A later migration that makes SQLite rebuild claims_claim (most AlterField operations do)
drops these triggers with the old table: tests/test_search.py fails then, and this
migration's statements must be run again."""

from django.db import migrations

TABLE = "claims_claim_fts"
CREATE = [
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(search_text, content='claims_claim', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER {TABLE}_insert AFTER INSERT ON claims_claim BEGIN
        INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    f"""CREATE TRIGGER {TABLE}_delete AFTER DELETE ON claims_claim BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    END""",
    f"""CREATE TRIGGER {TABLE}_update AFTER UPDATE OF search_text ON claims_claim BEGIN
        INSERT INTO {TABLE}({TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')",
]
DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {TABLE}_update",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def _on_sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("claims", "0017_export_withdrawals")]

    operations = [migrations.RunPython(_on_sqlite(CREATE), _on_sqlite(DROP))]
