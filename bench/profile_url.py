"""Where one page's time goes: each query's SQL and milliseconds, and the total.

python -m bench.profile_url /claims/?q=word [--explain]
"""

import sys
import time

from bench.setup_django import setup
from bench.timing import QueryTimer

# Each database's own plan: PostgreSQL runs the query (ANALYZE: real times and rows);
# SQLite only describes its plan (it has no EXPLAIN ANALYZE). The plan's text is the last
# column of each row on both.
EXPLAIN = {"postgresql": "EXPLAIN (ANALYZE, BUFFERS off) ", "sqlite": "EXPLAIN QUERY PLAN "}


def main():
    path, explain = sys.argv[1], "--explain" in sys.argv
    setup(static=True)
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client

    client = Client()
    if path.startswith("/admin/"):
        client.force_login(User.objects.get(username="bench-admin"))
    client.get(path)
    timer = QueryTimer()
    started = time.perf_counter()
    with connection.execute_wrapper(timer):
        status = client.get(path).status_code
    total = (time.perf_counter() - started) * 1000
    for sql, params, ms in timer.queries:
        print(f"{ms:8.1f} ms  {sql[:300]}")
        if explain and sql.lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute(EXPLAIN[connection.vendor] + sql, params)
                print("\n".join("            " + str(row[-1]) for row in cursor.fetchall()))
    print(f"{status}: {total:.1f} ms total, {len(timer.queries)} queries")


if __name__ == "__main__":
    main()
