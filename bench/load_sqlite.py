"""Load generated rows into SQLite with batched inserts in one transaction."""

import time

from django.core.management.color import no_style
from django.db import transaction


def load(connection, data, columns, tables):
    # The tables and every table that refers to them (follows, alert events: the seeds that
    # bench.finder keeps leave rows there), as Django's flush empties them; the foreign keys
    # are checked at the commit.
    emptying = connection.ops.sql_flush(no_style(), tables, allow_cascade=True)
    with transaction.atomic(), connection.cursor() as cursor:
        for sql in emptying:
            cursor.execute(sql)
        for table, rows in data.items():
            started = time.perf_counter()
            marks = ", ".join(["%s"] * len(rows[0])) if rows else ""
            sql = f"INSERT INTO {table} ({columns[table]}) VALUES ({marks})"
            for i in range(0, len(rows), 10_000):
                cursor.executemany(sql, rows[i : i + 10_000])
            print(f"  {table}: {len(rows):,} rows in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
