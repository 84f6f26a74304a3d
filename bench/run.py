"""Benchmark the public pages, the admin and the CSV export on the data in DATABASE_URL.

    python -m bench.run                  # all scenarios, 30 timed runs each
    python -m bench.run --repeat 3       # a quick smoke run

Times are server-side: the Django request handled in-process by the test client, from
request to the last byte of the rendered page. Prints a Markdown table with the targets
beside the figures, and writes the figures as JSON with --json.
"""

import argparse
import json
import statistics
import subprocess
import sys
import time

from bench.setup_django import ROOT, setup
from bench.timing import QueryTimer

# (name, path, median target ms, p95 target ms); None where the issue sets no target.
PAGE = (50, 150)
SEARCH = (100, None)
ADMIN = (200, None)


def scenarios(claim_slugs, topic_slug, deep_page):
    return [
        ("list page 1, unfiltered", "/claims/", *PAGE),
        ("filter: claimant", "/claims/?claimant=prolific-claimant", *PAGE),
        ("filter: verdict", "/claims/?verdict=false", *PAGE),
        ("filter: kind", "/claims/?kind=promise", *PAGE),
        ("filter: topic", f"/claims/?topic={topic_slug}", *PAGE),
        ("filter: made_after", "/claims/?made_after=2020-01-01", *PAGE),
        ("filter: made_before", "/claims/?made_before=2010-01-01", *PAGE),
        ("filter: overdue", "/claims/?overdue=1", *PAGE),
        ("sort: check_by", "/claims/?sort=check_by", *PAGE),
        ("sort: resolved", "/claims/?sort=resolved", *PAGE),
        ("three filters", "/claims/?verdict=false&kind=promise&made_after=2015-01-01", *PAGE),
        ("search: common word", "/claims/?q=sanctions", *SEARCH),
        ("search: rare word", "/claims/?q=zanzibarite", *SEARCH),
        (f"page {deep_page} of a broad filter", f"/claims/?kind=statement&page={deep_page}", *PAGE),
        ("claim detail", [f"/claims/{slug}/" for slug in claim_slugs], *PAGE),
        ("claimant page (0.5% of claims)", "/claimants/prolific-claimant/", *PAGE),
        ("admin changelist", "/admin/claims/claim/", *ADMIN),
        ("admin search over quotes (rare word)", "/admin/claims/claim/?q=zanzibarite", 300, None),
        ("admin search over quotes (common word)", "/admin/claims/claim/?q=sanctions", 300, None),
        (
            "admin changelist, filtered",
            "/admin/claims/claim/?verdict__exact=false&kind__exact=promise",
            *ADMIN,
        ),
    ]


def measure(client, paths, repeat):
    from django.db import connection

    paths = paths if isinstance(paths, list) else [paths]
    for path in paths[:2]:  # warm up
        client.get(path)
    # An execute_wrapper sees every query; a query log is reset when a request starts.
    timer = QueryTimer()
    with connection.execute_wrapper(timer):
        response = client.get(paths[0])
    if response.status_code != 200:
        raise SystemExit(f"{paths[0]} answered {response.status_code}")
    timings = []
    for i in range(repeat):
        started = time.perf_counter()
        response = client.get(paths[i % len(paths)])
        assert response.status_code == 200, paths[i % len(paths)]
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, len(timer.queries)


def run_pages(repeat):
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client

    from claims.models import Claim, Topic

    slugs = list(
        Claim.objects.published().order_by("?").values_list("slug", flat=True)[: max(repeat, 2)]
    )
    topic = Topic.objects.order_by("pk").values_list("slug", flat=True).first()
    # Page 500, or the last page where the data is smaller (the CI smoke run's 10k).
    statements = Claim.objects.published().filter(kind="statement").count()
    deep_page = max(1, min(500, statements // settings.CLAIMS_PER_PAGE))
    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(admin)
    rows = []
    for name, paths, target, target_p95 in scenarios(slugs, topic, deep_page):
        median, p95, queries = measure(client, paths, repeat)
        rows.append(
            {
                "scenario": name,
                "median_ms": round(median, 1),
                "p95_ms": round(p95, 1),
                "queries": queries,
                "target_median_ms": target,
                "target_p95_ms": target_p95,
            }
        )
        print(f"  {name}: median {median:.1f} ms, p95 {p95:.1f} ms, {queries} queries", flush=True)
    return rows


def run_export():
    """The CSV export and the raw COPY of the same query, each in its own process."""
    results = {}
    for mode in ("raw-copy", "export"):
        out = subprocess.run(
            [sys.executable, "-m", "bench.export_probe", mode],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"  {mode}: {results[mode]}", flush=True)
    return results


def table(rows, export):
    lines = [
        "| scenario | median ms | p95 ms | queries | target median | target p95 |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['scenario']} | {r['median_ms']} | {r['p95_ms']} | {r['queries']} | "
            f"{r['target_median_ms'] or ''} | {r['target_p95_ms'] or ''} |"
        )
    if export:
        raw, exp = export["raw-copy"], export["export"]
        ratio = exp["rows_per_s"] / raw["rows_per_s"] if raw["rows_per_s"] else 0
        lines += [
            "",
            "| CSV | rows | seconds | rows/s | peak RSS MB | target |",
            "|---|---:|---:|---:|---:|---|",
            f"| raw COPY (same SELECT) | {raw['rows']} | {raw['seconds']} | {raw['rows_per_s']} "
            f"| {raw['peak_rss_mb']} | |",
            f"| /claims/export.csv | {exp['rows']} | {exp['seconds']} | {exp['rows_per_s']} | "
            f"{exp['peak_rss_mb']} | ≥ 50% of raw rows/s (got {ratio:.0%}); RSS < 150 MB |",
        ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description="Benchmark claimtrack's pages and export.")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--no-export", action="store_true", help="skip the CSV export")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    setup(static=True)
    from django.db import connection

    from claims.models import Claim

    print(f"{Claim.objects.count():,} claims on {connection.vendor}", flush=True)
    rows = run_pages(args.repeat)
    export = None if args.no_export else run_export()
    print(table(rows, export))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"pages": rows, "export": export}, f, indent=2)


if __name__ == "__main__":
    main()
