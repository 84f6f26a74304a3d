"""The CSV export as a reader meets it, over HTTP through gunicorn (the shipped config, 2
workers), beside the database's own limit: a COPY of the plain claim columns of the same rows.

    python -m bench.export_speed            # PostgreSQL on DATABASE_URL (the COPY needs it)

In order, in one run:
1. `COPY (plain claim columns of every published claim, newest first) TO STDOUT`, to /dev/null.
2. The kept export rows (PostgreSQL's table of them) rebuilt whole, then refreshed after
   1,000 and 10,000 claims changed.
3. The unfiltered export's first download: no file yet, so it is exported live from the
   kept rows (and a build of the file is queued for the task worker, which runs beside
   gunicorn); then the build's own time.
4. Downloads of the unfiltered export from its file: one alone, then 8 at once, with a list
   page timed while they run.
5. Filtered exports (one claimant's claims, one topic's), live.
Each download is read whole and its rows counted. Peak RSS is the workers' high-water mark.
"""

import argparse
import http.client
import os
import tempfile
import threading
import time
from pathlib import Path

from bench.http_load import _server, _worker
from bench.open_data import _free_port, _wait
from bench.setup_django import setup

os.environ.setdefault("CLAIMTRACK_EXPORT_RATE", "100000000/m")


def plain_copy() -> tuple[int, float]:
    from django.db import connection

    sql = (
        "COPY (SELECT id, text, slug, claimant_id, claimant_role, kind, made_on, check_by, "
        "verdict, verdict_on FROM claims_claim WHERE status = 'published' "
        "ORDER BY made_on DESC, id DESC) TO STDOUT WITH (FORMAT csv)"
    )
    connection.ensure_connection()
    started = time.perf_counter()
    rows = 0
    with connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
        for chunk in copy:
            rows += bytes(chunk).count(b"\n")
    return rows, time.perf_counter() - started


def refresh_after(claims: int | None) -> dict:
    """The kept export rows (claims/outputs/export_table.py) brought up to date after `claims`
    claims changed (their text written again, so the triggers mark them), or, for None,
    every row rebuilt (as after a bulk load)."""
    from django.db import connection

    from claims.outputs import export_table

    with connection.cursor() as cursor:
        if claims is None:
            cursor.execute("INSERT INTO claims_exportstale (claim_id) VALUES (NULL)")
        else:
            cursor.execute(
                "UPDATE claims_claim SET text = text WHERE id IN (SELECT id FROM claims_claim "
                "WHERE status = 'published' ORDER BY id LIMIT %s)",
                [claims],
            )
        cursor.execute("SELECT count(*) FROM claims_claim WHERE status = 'published'")
        everything = cursor.fetchone()[0]
    started = time.perf_counter()
    export_table.refresh()
    return {"rows": everything if claims is None else claims,
            "seconds": time.perf_counter() - started}  # fmt: skip


def download(port: int, path: str) -> dict:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.request("GET", path)
    response = conn.getresponse()
    size = lines = 0
    last = b""
    while chunk := response.read(1 << 20):
        size += len(chunk)
        lines += chunk.count(b"\n")
        last = chunk
    seconds = time.perf_counter() - started
    assert response.status == 200 and last.endswith(b"\n"), (response.status, last[-80:])
    # Rows are lines here: the benchmark's claims have no line breaks in their cells.
    return {"rows": lines - 1, "seconds": seconds, "bytes": size,
            "from_file": bool(response.getheader("X-Export-Generation"))}  # fmt: skip


def peak_rss_mb(master: int) -> float:
    peak = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(stat[1]) != master:
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            continue
    return peak / 1024


def _row(name: str, result: dict, target: str = ""):
    rate = result["rows"] / result["seconds"]
    print(f"| {name} | {result['rows']:,} | {result['seconds']:.2f} | {rate:,.0f} | {target} |",
          flush=True)  # fmt: skip


def _at_once(port: int, path: str, n: int) -> tuple[list[dict], list[float]]:
    results, list_times = [], []
    threads = [threading.Thread(target=lambda: results.append(download(port, path)))
               for _ in range(n)]  # fmt: skip
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", "/claims/")
        conn.getresponse().read()
        list_times.append(time.perf_counter() - started)
        time.sleep(0.2)
    return results, list_times


def main():
    argparse.ArgumentParser(description=__doc__).parse_args()
    setup(static=True)

    from claims.models import Claim, Claimant, Topic

    claimant = Claimant.objects.filter(slug="prolific-claimant").first()
    topic = Topic.objects.order_by("pk").first()
    rows, seconds = plain_copy()
    print("| export | rows | seconds | rows/s | target |")
    print("|---|---:|---:|---:|---|")
    _row("COPY of the plain claim columns (the limit)", {"rows": rows, "seconds": seconds})
    # The kept export rows first: up to date before the downloads below read them.
    _row("kept export rows rebuilt, all of them", refresh_after(None))
    for changed in (1_000, 10_000):
        _row(f"kept export rows refreshed after {changed:,} claims changed",
             refresh_after(changed))  # fmt: skip
    export_dir = tempfile.mkdtemp(prefix="claimtrack-exports-")
    port = _free_port()
    server = _server(port, 0, True, CLAIMTRACK_EXPORT_DIR=export_dir, CLAIMTRACK_TASKS="database")
    worker = _worker(CLAIMTRACK_EXPORT_DIR=export_dir)  # builds the file, as in production
    try:
        _wait(f"http://127.0.0.1:{port}")
        built_from = time.perf_counter()
        first = download(port, "/claims/export.csv")
        assert not first["from_file"]
        _row("unfiltered, first download (live; starts the file's build)", first,
             "≥ 150k rows/s, < 7 s")  # fmt: skip
        while not any(Path(export_dir).glob("claims-*.csv")):
            time.sleep(0.5)
        build = {"rows": first["rows"], "seconds": time.perf_counter() - built_from}
        _row("the file's build, in the background (from the first request)", build)
        alone = download(port, "/claims/export.csv")
        assert alone["from_file"] and alone["rows"] == first["rows"]
        _row("unfiltered, from the file", alone, "≥ 150k rows/s, < 7 s")
        results, list_times = _at_once(port, "/claims/export.csv", 8)
        total = {"rows": sum(r["rows"] for r in results),
                 "seconds": max(r["seconds"] for r in results)}  # fmt: skip
        _row("8 unfiltered downloads at once, from the file (all rows)", total)
        print(f"\nList page while they ran: {len(list_times)} requests, slowest "
              f"{max(list_times) * 1000:.0f} ms, median "
              f"{sorted(list_times)[len(list_times) // 2] * 1000:.0f} ms")  # fmt: skip
        print("\n| filtered export | rows | seconds | rows/s | target |")
        print("|---|---:|---:|---:|---|")
        for name, query in [
            (f"one claimant ({Claim.objects.published().filter(claimant=claimant).count():,})",
             f"claimant={claimant.slug}"),
            (f"one topic ({Claim.objects.published().filter(topics=topic).count():,})",
             f"topic={topic.slug}"),
        ]:  # fmt: skip
            _row(name, download(port, f"/claims/export.csv?{query}"), "< 1 s")
        print(f"\nPeak RSS of a worker: {peak_rss_mb(server.pid):.0f} MB (target < 150 MB)")
    finally:
        for process in (server, worker):
            process.terminate()
            process.wait(timeout=60)


if __name__ == "__main__":
    main()
