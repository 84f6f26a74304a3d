"""Benchmark the track records on DATABASE_URL: the claimant page of the
prolific claimant (5,000 claims at 1M, charts included), a topic page and the site-wide
record page, each timed in-process and over HTTP through gunicorn (2 workers, the shipped
config); then the topic's and the site's record counted afresh (the cache emptied before
each request), which is what the first reader after a change waits for.

    python -m bench.records --repeat 30
"""

import argparse
import statistics
import time

from bench.open_data import in_process, over_http
from bench.setup_django import setup
from bench.timing import print_side_by_side


def scenarios():
    from claims.models import Claimant, Topic

    claimant = Claimant.objects.filter(slug="prolific-claimant").first() or Claimant.objects.first()
    topic = Topic.objects.in_public().first()
    return [
        ("claimant page (prolific claimant, charts)", claimant.get_absolute_url(), 50),
        ("topic page (record from the cache)", topic.get_absolute_url(), 50),
        ("site record page (from the cache)", "/record/", 100),
    ]


def afresh(paths, repeat):
    from django.core.cache import cache
    from django.test import Client

    client, rows = Client(), []
    for name, path in paths:
        times = []
        for _ in range(repeat):
            cache.clear()
            started = time.perf_counter()
            assert client.get(path).status_code == 200
            times.append((time.perf_counter() - started) * 1000)
        rows.append((name, statistics.median(times)))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup(static=True)

    found = scenarios()
    local = in_process(found, args.repeat)
    http = over_http(found, args.repeat)
    print_side_by_side(local, http)
    cold = afresh([(found[1][0], found[1][1]), (found[2][0], "/record/")], max(3, args.repeat // 5))
    for name, ms in cold:
        print(f"counted afresh: {name.split(' (')[0]}: median {ms:.1f} ms in-process")


if __name__ == "__main__":
    main()
