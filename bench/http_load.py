"""Throughput over real HTTP (issue 15): gunicorn started with the shipped config (2
workers), driven by wrk (Debian's package) with 8 connections, for the list, a claim, a
claimant page, a search, a filtered export and the API; each with the page cache on and
off, and PostgreSQL's connection pool on and off. Reports req/s, p50 and p99 after a 2 s
warm-up of each page (discarded): "cached" means what readers meet once a page is in the
cache (each worker keeps its own with the default local-memory cache).

    apt-get install wrk
    python -m bench.http_load --seconds 10
"""

import argparse
import os
import re
import shutil
import subprocess
import sys

from bench.open_data import _free_port, _wait
from bench.setup_django import ROOT, setup

os.environ.setdefault("CLAIMTRACK_API_RATE", "100000000/m")
os.environ.setdefault("CLAIMTRACK_EXPORT_RATE", "100000000/m")


def scenarios():
    from claims.models import Claim, Claimant

    claimant = Claimant.objects.filter(slug="prolific-claimant").first() or Claimant.objects.first()
    claim = Claim.objects.published().order_by("pk").first()
    return [
        ("list", "/claims/"),
        ("claim", claim.get_absolute_url()),
        ("claimant", claimant.get_absolute_url()),
        ("search", "/claims/?q=sanctions"),
        ("export, one claimant", f"/claims/export.csv?claimant={claimant.slug}"),
        ("API page 1", "/api/claims/"),
    ]


def _server(port: int, cache_seconds: int, pool: bool, **settings: str):
    """gunicorn as shipped (2 workers), DEBUG off, on `port`; `settings` are more
    environment variables for the site (CLAIMTRACK_EXPORT_DIR=…)."""
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CLAIMTRACK_PAGE_CACHE_SECONDS": str(cache_seconds),
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


def _wrk(url: str, seconds: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", url],
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
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")
    setup()
    found = scenarios()
    print("| scenario | cache | pool | req/s | p50 | p99 | errors |")
    print("|---|---|---|---:|---:|---:|---:|")
    for cache_seconds, pool in ((0, True), (300, True), (0, False), (300, False)):
        port = _free_port()
        server = _server(port, cache_seconds, pool)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait(base)
            for name, path in found:
                # Warm up first (both workers, their caches and pools), then measure.
                _wrk(base + path, 2)
                row = _wrk(base + path, args.seconds)
                print(
                    f"| {name} | {'on' if cache_seconds else 'off'} | {'on' if pool else 'off'} "
                    f"| {row['rps']:.0f} | {row['p50']} | {row['p99']} | {row['errors']} |",
                    flush=True,
                )
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
