"""The site record right after a change: gunicorn as shipped (2 workers, Redis cache), 8
readers asking `/record/` at once, the record's generation moved every `--every` seconds
(as an editor's save does). Prints the rate and the p50/p99/max latency over all requests,
and the same with the generation left alone, beside each other.

    DATABASE_URL=… REDIS_URL=redis://127.0.0.1:6379/3 python -m bench.record_after_change
"""

import argparse
import http.client
import os
import statistics
import threading
import time

from bench.http_load import _server
from bench.open_data import _free_port, _wait
from bench.setup_django import setup

READERS = 8


def _reader(port: int, stop: float, times: list, errors: list):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.perf_counter() < stop:
        started = time.perf_counter()
        conn.request("GET", "/record/")
        response = conn.getresponse()
        response.read()
        times.append(time.perf_counter() - started)
        if response.status != 200:
            errors.append(response.status)
            if len(errors) == 1:
                print(f"  first error: {response.status} {response.reason}")


def _load(port: int, seconds: float, every: float) -> dict:
    from claims.models.state import move_generation

    times, errors = [], []
    stop = time.perf_counter() + seconds
    readers = [
        threading.Thread(target=_reader, args=(port, stop, times, errors)) for _ in range(READERS)
    ]
    for reader in readers:
        reader.start()
    changes = 0
    while every and time.perf_counter() + every < stop:
        time.sleep(every)
        move_generation("default", withdraws=False)
        changes += 1
    for reader in readers:
        reader.join()
    ordered = sorted(times)
    return {
        "rps": len(times) / seconds,
        "p50": statistics.median(ordered) * 1000,
        "p99": ordered[int(len(ordered) * 0.99)] * 1000,
        "max": ordered[-1] * 1000,
        "changes": changes,
        "errors": len(errors),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--every", type=float, default=4, help="seconds between changes")
    args = parser.parse_args()
    setup()
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("Set REDIS_URL: the two workers must share one cache, as deployed.")
    port = _free_port()
    server = _server(port, 300, pool=True)
    try:
        _wait(f"http://127.0.0.1:{port}")
        _load(port, 3, 0)  # warm: the record counted once and kept
        print(f"/record/, {READERS} readers at once, {args.seconds:g} s each")
        for label, every in [("no change", 0), (f"a change every {args.every:g} s", args.every)]:
            found = _load(port, args.seconds, every)
            print(
                f"  {label:<22} {found['rps']:7.0f} req/s  p50 {found['p50']:7.1f} ms  "
                f"p99 {found['p99']:7.1f} ms  max {found['max']:7.0f} ms  "
                f"({found['changes']} changes, {found['errors']} errors)"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
