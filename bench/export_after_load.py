"""The first export after a bulk load: every kept export row stale (a NULL mark, as a bulk
load or a truncated table leaves), then the unfiltered export and one topic's, downloaded
through gunicorn as shipped with the task worker beside it. Prints each one's time to first
byte and to the last, and how long the worker's rebuild of the kept rows took; before the
rebuild moved to the worker, the first request waited for it (42 s to first byte at 1M).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_bench \
        python -m bench.export_after_load
"""

import http.client
import os
import tempfile
import time

from bench.http_load import _server, _worker
from bench.open_data import _free_port, _wait
from bench.setup_django import setup

os.environ.setdefault("CLAIMTRACK_EXPORT_RATE", "100000000/m")


def _timed(port: int, path: str) -> tuple[float, float, int]:
    """(seconds to the first body byte, to the last, rows) of one download."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
    conn.request("GET", path)
    response = conn.getresponse()
    first = response.read(1)
    first_byte = time.perf_counter() - started
    lines = first.count(b"\n")
    while chunk := response.read(1 << 20):
        lines += chunk.count(b"\n")
    assert response.status == 200, response.status
    return first_byte, time.perf_counter() - started, lines - 1


def _marks_left() -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT FROM claims_exportstale)")
        return cursor.fetchone()[0]


def main():
    os.environ["CLAIMTRACK_TASKS"] = "database"
    setup(static=True)
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from claims.models import Topic

    topic = Topic.objects.order_by("pk").first()
    DBTaskResult.objects.all().delete()  # nothing left over from an earlier run
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO claims_exportstale (claim_id) VALUES (NULL)")  # bulk load
    port = _free_port()
    exports = tempfile.mkdtemp(prefix="claimtrack-exports-")
    server = _server(port, 0, True, CLAIMTRACK_EXPORT_DIR=exports, CLAIMTRACK_TASKS="database")
    worker = _worker(CLAIMTRACK_EXPORT_DIR=exports)
    try:
        _wait(f"http://127.0.0.1:{port}")
        started = time.perf_counter()
        print("| download, right after a bulk load | first byte (s) | whole (s) | rows |")
        print("|---|---|---|---|")
        topic_path = f"/claims/export.csv?topic={topic.slug}"
        for name, path in [
            ("unfiltered", "/claims/export.csv"),
            (f"topic {topic.slug}", topic_path),
        ]:
            first, whole, rows = _timed(port, path)
            print(f"| {name} | {first:.2f} | {whole:.1f} | {rows:,} |", flush=True)
        while _marks_left():
            time.sleep(0.5)
        print(f"kept rows rebuilt by the worker {time.perf_counter() - started:.1f} s after the "
              "first request")  # fmt: skip
        first, whole, rows = _timed(port, topic_path)
        print(f"| topic, from the kept rows again | {first:.2f} | {whole:.1f} | {rows:,} |")
    finally:
        server.terminate()
        worker.terminate()
        server.wait()
        worker.wait()


if __name__ == "__main__":
    main()
