"""Load generated rows into PostgreSQL with COPY, the fastest way in."""

import time

INDEXES_SQL = """
SELECT i.indexname, i.indexdef FROM pg_indexes i
WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
"""


def load(connection, data, columns, tables):
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        # Rebuilding an index once is far faster than updating it row by row.
        cursor.execute(INDEXES_SQL, [list(data)])
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        # The generator's keys are consistent; skip per-row foreign key triggers.
        cursor.execute("SET session_replication_role = replica")
        raw = cursor.cursor if hasattr(cursor, "cursor") else cursor
        for table, rows in data.items():
            started = time.perf_counter()
            with raw.copy(f"COPY {table} ({columns[table]}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            print(f"  {table}: {len(rows):,} rows in {time.perf_counter() - started:.1f} s")
        cursor.execute("SET session_replication_role = DEFAULT")
        started = time.perf_counter()
        cursor.execute(
            "UPDATE claims_claim SET search_vector = to_tsvector('english', search_text)"
        )
        print(f"  search vectors in {time.perf_counter() - started:.1f} s")
        for name, definition in indexes:
            started = time.perf_counter()
            cursor.execute(definition)
            print(f"  index {name} in {time.perf_counter() - started:.1f} s")
        for table in data:
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        # As autovacuum would leave a settled database: statistics and the visibility map.
        cursor.execute(f"VACUUM ANALYZE {', '.join(data)}")
