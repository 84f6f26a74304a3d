"""Throughput over real HTTP: gunicorn started with the shipped config (2
workers), driven by wrk (Debian's package) with 8 connections, for the list, a claim, a
claimant page, a search, a filtered export and the API; each with the page cache on and
off, and PostgreSQL's connection pool on and off. Reports req/s, p50 and p99 after a 2 s
warm-up of each page (discarded): "cached" means what readers meet once a page is in the
cache (each worker keeps its own with the default local-memory cache).

With the page cache off, "parts" says whether the parts of pages are kept
(claims/pages/fragments.py: each claim's row, the filter form's lists, count estimates per
filter). The same page asked again has its parts kept; the scenarios marked "a different
page each request" ask for pages 1 to N in turn (wrk's Lua script; each of the 2 wrk threads
starts elsewhere), so nearly every request renders rows no request rendered before.

    apt-get install wrk
    python -m bench.http_load --seconds 10 [--only list,search]

First it prints a yardstick of the machine, as the 2-core machines these figures come from
differ up to 4x in speed for the same code: how long a plain Python loop takes, and the
rate at which the same gunicorn serves a static file (WhiteNoise answers it before any
of the site's own middleware or views run). Compare figures from two machines through it.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from bench.open_data import _free_port, _wait
from bench.setup_django import ROOT, setup

os.environ.setdefault("CLAIMTRACK_API_RATE", "100000000/m")
os.environ.setdefault("CLAIMTRACK_EXPORT_RATE", "100000000/m")


# The "a different page each request" scenarios go through pages 1 to N in turn, each wrk
# thread from its own starting point: request n of thread t asks for page
# (n + t N/2) mod N + 1.
LUA = """
local counter, offset = 0, 0
setup = function(thread) thread:set("offset", counter * %(half)d); counter = counter + 1 end
init = function() offset = tonumber(wrk.thread:get("offset")) or 0 end
request = function()
  offset = offset + 1
  local sep = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format("GET", wrk.path .. sep .. "page=" .. (offset %% %(pages)d + 1))
end
"""


def scenarios():
    from claims.models import Claim, Claimant

    claimant = Claimant.objects.filter(slug="prolific-claimant").first() or Claimant.objects.first()
    claim = Claim.objects.published().order_by("pk").first()
    # (name, path, how many pages to go through: 0 for the same page every request). The
    # claimant has ~190 pages; a search's deep pages are slow for another reason (page 400
    # of "sanctions" reads 10,000 matches), so its scenario stays in the first 40 (the
    # 1,000 newest matches; a reader who wants more adds words).
    return [
        ("list", "/claims/", 0),
        ("list, a different page each request (1-400)", "/claims/", 400),
        ("claim", claim.get_absolute_url(), 0),
        ("claimant", claimant.get_absolute_url(), 0),
        ("claimant, a different page each request (1-150)", claimant.get_absolute_url(), 150),
        ("search", "/claims/?q=sanctions", 0),
        ("search, a different page each request (1-40)", "/claims/?q=sanctions", 40),
        ("export, one claimant", f"/claims/export.csv?claimant={claimant.slug}", 0),
        ("API page 1", "/api/claims/", 0),
    ]


def _server(port: int, cache_seconds: int, pool: bool, parts: bool = True, **settings: str):
    """gunicorn as shipped (2 workers), DEBUG off, on `port`; `settings` are more
    environment variables for the site (CLAIMTRACK_EXPORT_DIR=…)."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CLAIMTRACK_PAGE_CACHE_SECONDS": str(cache_seconds),
        "CLAIMTRACK_FRAGMENT_CACHE_SECONDS": "300" if parts else "0",
        "DJANGO_DB_POOL": "1" if pool else "0",
        "WEB_CONCURRENCY": "2",
        "CLAIMTRACK_BIND": f"127.0.0.1:{port}",
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on the loopback
        **settings,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi",
         "--access-logfile", "/dev/null", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def _worker(**settings: str):
    """The task worker beside _server() (`manage.py db_worker`), as README runs it: it builds
    the export file; `settings` as for _server(). It starts from an empty queue: a task an
    earlier benchmark queued with no worker running (bench.run's export probe queues the
    file's build) would otherwise run first and build into this run's directory before the
    first request, which the run measures as live. The caller has called setup()."""
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "bench-only-" + "x" * 40,
           "CLAIMTRACK_TASKS": "database", **settings}  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.5"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip


@contextmanager
def _served(cache_seconds: int, pool: bool, parts: bool = True):
    """The base URL of a started _server(), stopped afterwards."""
    port = _free_port()
    server = _server(port, cache_seconds, pool, parts)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _python_loop_ns(iterations: int = 5_000_000) -> float:
    """Nanoseconds per iteration of a plain Python loop: the best of three runs."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        total = 0
        for number in range(iterations):
            total += number
        best = min(best, time.perf_counter() - started)
    return best / iterations * 1e9


def yardstick(base: str, seconds: int) -> str:
    """This machine's speed, for comparing runs on different machines (see the top)."""
    static = _wrk(base + "/static/claims/filters.js", seconds)
    return (
        f"Machine yardstick: a Python loop {_python_loop_ns():.0f} ns per iteration; "
        f"a static file through gunicorn {static['rps']:.0f} req/s (p99 {static['p99']})."
    )


def _wrk(url: str, seconds: int, pages: int = 0) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        script = []
        if pages:
            path = Path(scratch) / "pages.lua"
            path.write_text(LUA % {"pages": pages, "half": pages // 2})
            script = ["-s", str(path)]
        out = subprocess.run(
            ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", *script, url],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rate, "p50": latency.get("50"), "p99": latency.get("99"),
            "errors": int(errors.group(1)) if errors else 0}  # fmt: skip


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--only", help="scenario names that start with these, comma-separated")
    parser.add_argument("--uncached-only", action="store_true", help="the page cache off only")
    parser.add_argument("--cached-only", action="store_true", help="the page cache on only")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")
    setup(static=True)
    from django.db import connection

    from claims.outputs import export_table

    # After bench.fill every claim's export row is marked: the first filtered export would
    # rebuild them all (~30 s at 1M) inside the scenario and stall its worker. Brought up
    # to date here, as a site is before readers come (nothing to do when nothing changed).
    if connection.vendor == "postgresql":  # the kept rows are PostgreSQL's only
        export_table.refresh()
    found = scenarios()
    if args.only:
        wanted = tuple(args.only.split(","))
        found = [row for row in found if row[0].startswith(wanted)]
    with _served(0, True) as base:
        print(yardstick(base, args.seconds), end="\n\n", flush=True)
    print("| scenario | page cache | parts kept | pool | req/s | p50 | p99 | errors |")
    print("|---|---|---|---|---:|---:|---:|---:|")
    setups = [
        (0, True, False),
        (0, True, True),
        (300, True, True),
        (0, False, True),
        (300, False, True),
    ]
    if args.uncached_only:
        setups = setups[:2]
    elif args.cached_only:
        setups = [setup for setup in setups if setup[0]]
    for cache_seconds, pool, parts in setups:
        with _served(cache_seconds, pool, parts) as base:
            for name, path, pages in found:
                # Warm up first (both workers, their caches and pools), then measure.
                _wrk(base + path, 2)
                row = _wrk(base + path, args.seconds, pages)
                on = {True: "on", False: "off"}
                print(
                    f"| {name} | {on[bool(cache_seconds)]} | {on[parts]} | {on[pool]} "
                    f"| {row['rps']:.0f} | {row['p50']} | {row['p99']} | {row['errors']} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
