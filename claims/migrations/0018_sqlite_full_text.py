"""On SQLite only: an FTS5 index of each claim's search text (claims.text.search), kept in step by
triggers on claims_claim, so every way of writing a claim (a save, a set-based UPDATE, an
import, a delete) keeps it. On PostgreSQL the stored tsvector does this job (0006).

A later migration that makes SQLite rebuild claims_claim drops the triggers with the old
table; claims.apps recreates them (and rebuilds the index) after every migrate."""

from django.db import migrations

from claims.text.search import drop_fts5_index, ensure_fts5_index


def create(apps, schema_editor):
    ensure_fts5_index(schema_editor.connection)


def drop(apps, schema_editor):
    drop_fts5_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("claims", "0017_export_withdrawals")]

    operations = [migrations.RunPython(create, drop)]
