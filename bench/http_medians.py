"""Each public page's latency over HTTP, one request at a time: gunicorn with the shipped
config (2 workers, page cache off, so every page is built), the same pages as bench.run.
The parts of pages (claims/pages/fragments.py) are kept, as shipped, unless `--no-parts`.

    python -m bench.http_medians --repeat 20 [--no-parts]   # on DATABASE_URL

Prints median and p95 per page in ms, beside the 50 ms median target.
"""

import argparse
import http.client
import statistics
import time

from bench.http_load import _server
from bench.open_data import _free_port, _wait
from bench.run import scenarios
from bench.setup_django import setup


def _get(port: int, path: str) -> float:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    assert response.status == 200, (path, response.status)
    return (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-parts", action="store_true", help="keep no parts of pages")
    args = parser.parse_args()
    setup(static=True)

    from claims.models import Claim, Topic

    slugs = list(Claim.objects.published().order_by("pk").values_list("slug", flat=True)[:20])
    topic = Topic.objects.order_by("pk").values_list("slug", flat=True).first()
    public = scenarios(slugs, topic, 50)
    pages = [s for s in public if not (isinstance(s[1], str) and s[1].startswith("/admin"))]
    port = _free_port()
    server = _server(port, 0, True, parts=not args.no_parts)
    try:
        _wait(f"http://127.0.0.1:{port}")
        print("| page | median ms | p95 ms | target |")
        print("|---|---:|---:|---:|")
        for name, paths, *_ in pages:
            paths = paths if isinstance(paths, list) else [paths]
            for path in paths[:2]:
                _get(port, path)  # warm up
            times = sorted(_get(port, paths[i % len(paths)]) for i in range(args.repeat))
            p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
            print(f"| {name} | {statistics.median(times):.1f} | {p95:.1f} | 50 |", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
