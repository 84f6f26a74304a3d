"""The export's kept rows (PostgreSQL) are marked stale by triggers written in SQL: their
tables and columns are checked here against the models, so renaming a field, or adding a
column to the export without a table to hold it, fails a test instead of silently leaving
rows out of date. And a claim published after the last refresh is in the very next export,
filtered or not."""

import importlib

import pytest
from django.apps import apps
from django.db import connection

from claims.models import Claim, ClaimStatus
from claims.outputs.export import COLUMNS
from tests.factories import make_sourced_claim

pytestmark = pytest.mark.django_db
migration = importlib.import_module("claims.migrations.0025_export_rows")


def _columns_of(table: str) -> set[str]:
    model = next(m for m in apps.get_models(include_auto_created=True) if m._meta.db_table == table)
    return {field.column for field in model._meta.concrete_fields}


def test_every_trigger_names_columns_the_models_have():
    for table, column in migration.BY_CLAIM.items():
        assert column in _columns_of(table), (table, column)
    for table, (columns, claims) in migration.THROUGH.items():
        assert set(columns) <= _columns_of(table), (table, set(columns) - _columns_of(table))
        assert "claims_claim" in claims or "claims_appearance" in claims


def test_the_kept_table_has_exactly_the_exports_columns():
    declared = migration.EXPORT_ROW.split("CREATE TABLE claims_exportrow (", 1)[1].split(");")[0]
    names = [line.split()[0] for line in declared.strip().splitlines()]
    assert names == COLUMNS


@pytest.mark.skipif(connection.vendor != "postgresql", reason="kept export rows: PostgreSQL")
def test_the_installed_triggers_are_the_migrations():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE '%%_export_%%'"
        )
        installed = {row[0] for row in cursor.fetchall()}
    expected = {f"{t}_export_{e.lower()}" for t in migration.BY_CLAIM for e in migration.EVENTS}
    expected |= {f"{t}_export_change" for t in migration.THROUGH}
    assert expected <= installed


def _export(client, query=None) -> str:
    response = client.get("/claims/export.csv", query or {})
    return b"".join(response.streaming_content).decode()


def test_a_claim_published_after_the_last_export_is_in_the_next(client):
    make_sourced_claim("Talks resume in July.")
    assert "Talks resume in July." in _export(client)  # rows brought up to date here
    assert "Talks resume in July." in _export(client, {"q": "talks"})
    later = make_sourced_claim("Talks resume in August.", status=ClaimStatus.DRAFT)
    Claim.objects.filter(pk=later.pk).update(
        status=ClaimStatus.PUBLISHED, published_at=later.created_at
    )
    assert "Talks resume in August." in _export(client)
    assert "Talks resume in August." in _export(client, {"q": "august"})
