"""Benchmark the open data on DATABASE_URL: the API's first page and a page
25,000 rows deep by its cursor, a claim through the API, every Atom feed, each timed
in-process and then over HTTP through gunicorn (2 workers, as README runs it); and the
ClaimReview data feed streamed whole in a fresh process, with its peak memory.

    python -m bench.open_data --repeat 30
"""

import argparse
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

from bench.setup_django import ROOT, setup
from bench.timing import print_side_by_side

# The API throttles anonymous clients; the benchmark is one client asking many times.
os.environ.setdefault("CLAIMTRACK_API_RATE", "1000000/m")
DEPTH = 25_000


def paths() -> list[tuple[str, str | list[str], int]]:
    """(scenario, path or paths, target median ms)."""
    from claims.models import Claim, Claimant, Topic
    from claims.outputs.api import cursor

    published = Claim.objects.published().order_by("-made_on", "-pk")
    depth = min(DEPTH, max(1, published.count() - 26))
    made_on, pk = published.values_list("made_on", "pk")[depth - 1]
    deep = f"/api/claims/?cursor={cursor.encode('newest', made_on, pk)}"
    ids = list(Claim.objects.published().order_by("?").values_list("pk", flat=True)[:30])
    claimant = Claimant.objects.filter(slug="prolific-claimant").first() or Claimant.objects.first()
    topic = Topic.objects.in_public().first()
    return [
        ("API claims, page 1", "/api/claims/", 50),
        (f"API claims, cursor {depth:,} deep", deep, 50),
        ("API claim detail", [f"/api/claims/{i}/" for i in ids], 30),
        ("feed: newly published", "/feeds/claims.atom", 50),
        ("feed: new verdicts", "/feeds/verdicts.atom", 50),
        ("feed: claimant", f"/claimants/{claimant.slug}/feed.atom", 50),
        ("feed: topic", f"/topics/{topic.slug}/feed.atom", 50),
        ("feed: filtered list", "/claims/feed.atom?verdict=false&kind=promise", 50),
    ]


def in_process(scenarios, repeat):
    from django.db import connection
    from django.test import Client

    from bench.timing import QueryTimer

    client, rows = Client(), []
    for name, path, target in scenarios:
        urls = path if isinstance(path, list) else [path]
        client.get(urls[0])
        timer = QueryTimer()
        with connection.execute_wrapper(timer):
            assert client.get(urls[0]).status_code == 200, urls[0]
        times = []
        for i in range(repeat):
            started = time.perf_counter()
            response = client.get(urls[i % len(urls)])
            assert response.status_code == 200
            times.append((time.perf_counter() - started) * 1000)
        rows.append((name, statistics.median(times), len(timer.queries), target))
    return rows


def over_http(scenarios, repeat):
    port = _free_port()
    env = {**os.environ, "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi",
         "--workers", "2", "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base)
        rows = []
        for _name, path, _target in scenarios:
            urls = path if isinstance(path, list) else [path]
            _get(base + urls[0])
            times = []
            for i in range(repeat):
                started = time.perf_counter()
                _get(base + urls[i % len(urls)])
                times.append((time.perf_counter() - started) * 1000)
            rows.append(statistics.median(times))
        return rows
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200, url
        return response.read()


def _wait(base: str):
    for _ in range(100):
        try:
            _get(base + "/healthz")
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def datafeed_probe():
    """In this (fresh) process: stream /claimreview.json whole; items, seconds, peak RSS."""
    from django.test import Client

    started = time.perf_counter()
    size = items = 0
    for chunk in Client().get("/claimreview.json").streaming_content:
        size += len(chunk)
        items += chunk.count(b'"@type": "ClaimReview"')
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds = round(time.perf_counter() - started, 1)
    print(json.dumps({"items": items, "mb": round(size / 1e6, 1), "seconds": seconds,
                      "peak_rss_mb": round(peak, 1)}))  # fmt: skip


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--datafeed-probe", action="store_true")
    parser.add_argument("--no-datafeed", action="store_true", help="skip the whole-feed run")
    args = parser.parse_args()
    setup()
    if args.datafeed_probe:
        datafeed_probe()
        return
    scenarios = paths()
    local = in_process(scenarios, args.repeat)
    http = over_http(scenarios, args.repeat)
    print_side_by_side(local, http)
    if args.no_datafeed:
        return
    out = subprocess.run(
        [sys.executable, "-m", "bench.open_data", "--datafeed-probe"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    feed = json.loads(out.stdout.strip().splitlines()[-1])
    print(
        f"ClaimReview data feed: {feed['items']:,} items, {feed['mb']} MB in {feed['seconds']} s,"
        f" peak RSS {feed['peak_rss_mb']} MB (target < 150 MB)"
    )


if __name__ == "__main__":
    main()
