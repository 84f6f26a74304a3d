"""Load generated rows into SQLite with batched inserts in one transaction."""

import time

from django.db import transaction


def load(connection, data, columns, tables):
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DELETE FROM {table}")
        for table, rows in data.items():
            started = time.perf_counter()
            marks = ", ".join(["%s"] * len(rows[0])) if rows else ""
            sql = f"INSERT INTO {table} ({columns[table]}) VALUES ({marks})"
            for i in range(0, len(rows), 10_000):
                cursor.executemany(sql, rows[i : i + 10_000])
            print(f"  {table}: {len(rows):,} rows in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
