"""Every public list's deep pages beside its page 1: the claims list (unfiltered, and a
search), the largest topic (both ways) and the prolific claimant, median ms of `--repeat`
in-process requests (DEBUG off, page cache off, parts kept as deployed). A deep page's kept
order or stride boundaries are read by the first reader after a change; `--cold` clears
the cache before every request to show what that reader pays.

    DATABASE_URL=… python -m bench.deep_pages --repeat 5
"""

import argparse
import statistics
import time

from bench.setup_django import setup


def scenarios():
    from django.db.models import Count

    from claims.models import Claimant, Topic

    topic = Topic.objects.annotate(n=Count("claims")).order_by("-n").first()
    claimant = Claimant.objects.filter(slug="prolific-claimant").first() or Claimant.objects.first()
    return [
        ("list", "/claims/", (1, 2, 400, 4000, 10000, 37000)),
        ("search “sanctions”", "/claims/?q=sanctions", (1, 2, 40, 400, 1800)),
        (f"topic ({topic.slug})", topic.get_absolute_url(), (1, 2, 10, 150, 290)),
        ("topic, oldest first", topic.get_absolute_url() + "?sort=oldest", (1, 2, 150, 290)),
        ("claimant (prolific)", claimant.get_absolute_url(), (1, 2, 50, 180)),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="clear the cache before each")
    args = parser.parse_args()
    setup(static=True)
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    for name, path, pages in scenarios():
        found = []
        for page in pages:
            times = []
            for _ in range(args.repeat):
                if args.cold:
                    cache.clear()
                separator = "&" if "?" in path else "?"
                started = time.perf_counter()
                response = client.get(f"{path}{separator}page={page}")
                times.append(time.perf_counter() - started)
                if response.status_code != 200:
                    break  # fewer pages than asked for on this data
            else:
                found.append(f"p{page} {statistics.median(times) * 1000:.1f}")
        print(f"{name:<28} " + "  ".join(found))


if __name__ == "__main__":
    main()
