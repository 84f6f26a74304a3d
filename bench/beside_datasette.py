"""SQLite with nothing kept, beside Datasette serving the same file: the filtered CSV export
(rows/s), a list page with a new filter, and a search, each as median milliseconds of one
client's requests, ours and Datasette's interleaved request by request. Our site is gunicorn
as shipped with the page cache and the kept parts off (a filter or a search nobody asked for
before); Datasette is installed by this script in its own environment (`--datasette-env`,
default var/datasette-env) and serves the file as it comes.

    DATABASE_URL=sqlite:////tmp/bench100k.sqlite3 python -m bench.beside_datasette
"""

import argparse
import csv
import http.client
import io
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.http_load import _server
from bench.open_data import _free_port, _wait
from bench.setup_django import ROOT, setup


def _datasette(env: Path) -> Path:
    """The datasette command from its own virtual environment, made if missing."""
    command = env / "bin" / "datasette"
    if not command.exists():
        subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
        installed = subprocess.run(
            [str(env / "bin" / "pip"), "install", "-q", "datasette"], capture_output=True, text=True
        )
        if installed.returncode:
            sys.exit(f"Datasette could not be installed:\n{installed.stderr}")
    return command


def _get(port: int, path: str) -> tuple[float, bytes]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    assert response.status == 200, (path, response.status, body[:200])
    return time.perf_counter() - started, body


# Datasette lean, as a reader's tool would ask it: no total count, no facet suggestions.
LEAN = "_nocount=1&_nofacet=1&_nosuggest=1"


def _records(body: bytes) -> int:
    """CSV records (a quoted cell may hold line breaks), less the header."""
    return sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""))) - 1


def _ready(port: int, path: str):
    for _ in range(300):
        try:
            _get(port, path)
            return
        except (OSError, AssertionError):
            time.sleep(0.1)
    raise SystemExit(f"nothing answered on port {port}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    default_env = ROOT / "var" / "datasette-env"  # beside the checkout, not in a shared /tmp
    parser.add_argument("--datasette-env", type=Path, default=default_env)
    args = parser.parse_args()
    os.environ["CLAIMTRACK_EXPORT_RATE"] = "100000000/m"
    setup(static=True)
    from django.conf import settings

    database = settings.DATABASES["default"]["NAME"]
    ours, theirs = _free_port(), _free_port()
    server = _server(ours, 0, True, parts=False)
    datasette = subprocess.Popen(
        [str(_datasette(args.datasette_env)), "serve", str(database), "--port", str(theirs),
         "--setting", "sql_time_limit_ms", "120000", "--setting", "max_csv_mb", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    table = f"/{Path(database).stem}/claims_claim"
    cases = [
        ("export, kind=prediction (rows/s)", "/claims/export.csv?kind=prediction",
         f"{table}.csv?kind=prediction&_stream=on&_size=max"),
        ("list, kind=promise, page 2 (ms)", "/claims/?kind=promise&page=2",
         f"{table}?kind=promise&_sort_desc=made_on&_size=25&_next=25&{LEAN}"),
        ("search “talks” (ms)", "/claims/?q=talks", f"{table}?_search=talks&_size=25&{LEAN}"),
    ]  # fmt: skip
    try:
        _wait(f"http://127.0.0.1:{ours}")
        _ready(theirs, "/-/versions.json")
        print("| case | ours | Datasette | ours ÷ Datasette |")
        print("|---|---:|---:|---:|")
        for name, mine, other in cases:
            times = {"ours": [], "datasette": []}
            rows = {}
            for _ in range(args.repeat):  # interleaved, request by request
                for who, port, path in (("ours", ours, mine), ("datasette", theirs, other)):
                    seconds, body = _get(port, path)
                    times[who].append(seconds)
                    rows[who] = _records(body) if "rows/s" in name else 0
            medians = {who: statistics.median(t) for who, t in times.items()}
            if "rows/s" in name:
                rate = {who: rows[who] / medians[who] for who in medians}
                print(f"| {name} | {rate['ours']:,.0f} ({rows['ours']:,} rows) | "
                      f"{rate['datasette']:,.0f} ({rows['datasette']:,} rows) | "
                      f"{rate['ours'] / rate['datasette']:.2f} |", flush=True)  # fmt: skip
            else:
                print(f"| {name} | {medians['ours'] * 1000:.1f} | "
                      f"{medians['datasette'] * 1000:.1f} | "
                      f"{medians['ours'] / medians['datasette']:.2f} |", flush=True)  # fmt: skip
    finally:
        for process in (server, datasette):
            process.terminate()
            process.wait()


if __name__ == "__main__":
    main()
