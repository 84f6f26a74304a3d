"""One CSV measurement in a fresh process, so its peak memory is its own.

    python -m bench.export_probe export|raw-copy

`export` streams /claims/export.csv through Django to /dev/null; `raw-copy` runs psycopg's
COPY (the export's own SELECT) TO STDOUT WITH CSV to /dev/null (PostgreSQL only; on other
databases it iterates the same SELECT with a cursor). Prints one JSON line.
"""

import json
import resource
import sys
import time

from bench.setup_django import setup


def main():
    mode = sys.argv[1]
    setup()
    from django.db import connection
    from django.test import Client

    from claims.models import Claim
    from claims.outputs.export import export_rows

    # What the export of the unfiltered list selects: every published claim, newest first.
    claims = Claim.objects.published().order_by("-made_on", "-pk")
    rows = claims.count()
    started = time.perf_counter()
    with open("/dev/null", "wb") as sink:
        if mode == "export":
            response = Client().get("/claims/export.csv")
            for chunk in response.streaming_content:
                sink.write(chunk)
        elif connection.vendor == "postgresql":
            sql, params = export_rows(claims, "http://testserver/claims/").query.sql_with_params()
            connection.ensure_connection()
            with (
                connection.connection.cursor() as cursor,
                cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy,
            ):
                for chunk in copy:
                    sink.write(chunk)
        else:
            for row in export_rows(claims, "http://testserver/claims/").iterator(2000):
                sink.write(repr(row).encode())
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "rows": rows,
                "seconds": round(seconds, 2),
                "rows_per_s": round(rows / seconds),
                "peak_rss_mb": round(peak_mb, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
