"""The whole-record export's rows, kept in a table on PostgreSQL (claims/outputs/export_table.py).

Triggers, not Django signals, mark which claims' rows are out of date: they see every way
of writing (the ORM, querysets, bulk inserts, COPY, a psql session), so no side door can
leave an exported row showing what a correction replaced. Nothing here on SQLite: its
export is written row by row from the live query.
"""

from django.db import migrations

EXPORT_ROW = """
CREATE TABLE claims_exportrow (
    id bigint PRIMARY KEY,
    detail_url text,
    claim text,
    claimant text,
    role text,
    kind text,
    date_made date,
    date_precision text,
    check_by date,
    resolution_criteria text,
    verdict text,
    verdict_label text,
    verdict_date date,
    outcome_explanation text,
    topics text,
    first_article_title text,
    first_article_outlet text,
    first_article_url text,
    quote text,
    claimant_slug text,
    claimant_kind text,
    first_article_slug text
);
-- The export's order, newest made first (COPY reads the table in this index's order).
CREATE INDEX claims_exportrow_newest_idx ON claims_exportrow (date_made DESC, id DESC);
-- A claim whose row may be out of date; a NULL claim: every row may be.
CREATE TABLE claims_exportstale (id bigserial PRIMARY KEY, claim_id bigint);
INSERT INTO claims_exportstale (claim_id) VALUES (NULL);
CREATE FUNCTION claims_export_all_stale() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claims_exportstale (claim_id) VALUES (NULL);
    RETURN NULL;
END $$;
"""

# Tables whose rows name their claim: every write marks the claims it touched, set-based
# (one INSERT per statement, from the statement's transition tables).
BY_CLAIM = {
    "claims_claim": "id",
    "claims_appearance": "claim_id",
    "claims_outcome": "claim_id",
    "claims_claim_topics": "claim_id",
}
# Tables a claim's row reads through another: (the columns the export shows or orders by,
# the claims that read a row). A row-level trigger, only when one of those columns changed
# (a claimant's version moves with every edit of their claims; their name rarely does).
THROUGH = {
    "claims_claimant": (
        ("name", "slug", "kind"),
        "SELECT id FROM claims_claim WHERE claimant_id = OLD.id",
    ),
    "claims_topic": (
        ("name",),
        "SELECT claim_id FROM claims_claim_topics WHERE topic_id = OLD.id",
    ),
    "claims_article": (
        ("title", "publication", "url", "slug", "published_on"),
        "SELECT claim_id FROM claims_appearance WHERE article_id = OLD.id",
    ),
}
EVENTS = {"INSERT": ("new_rows",), "UPDATE": ("new_rows", "old_rows"), "DELETE": ("old_rows",)}


def _by_claim(table: str, column: str) -> str:
    statements = []
    for event, transitions in EVENTS.items():
        name = f"{table}_export_{event.lower()}"
        marks = " UNION ".join(f"SELECT {column} FROM {rows}" for rows in transitions)
        referencing = " ".join(
            f"{rows.split('_')[0].upper()} TABLE AS {rows}" for rows in transitions
        )
        statements.append(f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claims_exportstale (claim_id) {marks};
    RETURN NULL;
END $$;
CREATE TRIGGER {name} AFTER {event} ON {table} REFERENCING {referencing}
    FOR EACH STATEMENT EXECUTE FUNCTION {name}();""")
    return "".join(statements)


def _through(table: str, columns: tuple, claims: str) -> str:
    name = f"{table}_export_change"
    old = ", ".join(f"OLD.{c}" for c in columns)
    new = ", ".join(f"NEW.{c}" for c in columns)
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO claims_exportstale (claim_id) {claims};
    RETURN NULL;
END $$;
CREATE TRIGGER {name} AFTER UPDATE ON {table} FOR EACH ROW
    WHEN ((({old})) IS DISTINCT FROM (({new}))) EXECUTE FUNCTION {name}();
CREATE TRIGGER {name}_delete AFTER DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();"""


def _truncated(table: str) -> str:
    return f"""
CREATE TRIGGER {table}_export_truncate AFTER TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION claims_export_all_stale();"""


def _create_sql() -> str:
    parts = [EXPORT_ROW]
    parts += [_by_claim(table, column) for table, column in BY_CLAIM.items()]
    parts += [_through(table, *how) for table, how in THROUGH.items()]
    parts += [_truncated(table) for table in [*BY_CLAIM, *THROUGH]]
    return "".join(parts)


def _drop_sql() -> str:
    functions = [f"{t}_export_{e.lower()}" for t in BY_CLAIM for e in EVENTS]
    functions += [f"{t}_export_change" for t in THROUGH] + ["claims_export_all_stale"]
    drops = [f"DROP FUNCTION IF EXISTS {f}() CASCADE;" for f in functions]
    return " ".join([*drops, "DROP TABLE IF EXISTS claims_exportrow, claims_exportstale;"])


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_create_sql())


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(_drop_sql())


class Migration(migrations.Migration):
    dependencies = [("claims", "0024_overdue_index_covers_verdict")]

    operations = [migrations.RunPython(create, drop)]
