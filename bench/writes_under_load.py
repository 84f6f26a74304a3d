"""Cached pages while the newsroom works: the list, a claim page and the site record through
gunicorn (as shipped, 2 workers, the page cache on, Redis shared when REDIS_URL is set),
driven by wrk,
first with no writes, then while one editor saves a draft every second and a chief editor
changes a published claim every 30 s (each a committed save, through the ORM as the admin's
save ends). Before, every save of any row retired the whole public cache; now only a public
change does (claims/models/state.py). `--old-rule` runs the writes the old way too (each
draft save also moves the record's generation), for the comparison.

    python -m bench.writes_under_load --seconds 60 [--old-rule]

Prints req/s and p99 per page for each case, and the ratio of each to the quiet run (the
goal is 0.8 or more with the writes)."""

import argparse
import threading

from bench.http_load import _served, _wrk
from bench.setup_django import setup

DRAFT_EVERY, PUBLIC_EVERY = 1.0, 30.0


def _writer(stop: threading.Event, old_rule: bool, counts: dict):
    from django.db import close_old_connections

    from claims.models import Claim, ClaimStatus, record_changed

    draft = Claim.objects.filter(status=ClaimStatus.DRAFT).order_by("pk").first()
    published = Claim.objects.published().order_by("-pk").first()
    ticks = 0
    while not stop.wait(DRAFT_EVERY):
        ticks += 1
        draft.review_note = f"Checked the quote again ({ticks})."
        draft.save()  # an editor's save of a draft
        if old_rule:
            record_changed()  # what every save did before: the whole public cache retired
        counts["drafts"] += 1
        if ticks % int(PUBLIC_EVERY / DRAFT_EVERY) == 0:
            published.claimant_role = f"Envoy ({ticks})"
            published.save()  # a chief editor's correction of a published claim
            counts["public"] += 1
        close_old_connections()


def _measure(base: str, paths: dict, seconds: int, writes: bool, old_rule: bool) -> dict:
    stop, counts = threading.Event(), {"drafts": 0, "public": 0}
    writer = threading.Thread(target=_writer, args=(stop, old_rule, counts), daemon=True)
    if writes:
        writer.start()
    try:
        return {name: _wrk(base + path, seconds) for name, path in paths.items()} | counts
    finally:
        stop.set()
        if writes:
            writer.join(10)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--old-rule", action="store_true", help="also run the writes the old way")
    args = parser.parse_args()
    setup(static=True)

    from claims.models import Claim, ClaimStatus

    if not Claim.objects.filter(status=ClaimStatus.DRAFT).exists():
        raise SystemExit("No draft to save: fill the database with bench.fill first.")
    claim = Claim.objects.published().order_by("pk").first()
    paths = {"list": "/claims/", "claim": claim.get_absolute_url(), "record": "/record/"}
    cases = [
        ("no writes", False, False),
        ("drafts each second, a public change each 30 s", True, False),
    ]
    if args.old_rule:
        cases.append(("the same writes, every save retiring the cache (the old rule)", True, True))
    with _served(300, True) as base:
        for path in paths.values():
            _wrk(base + path, 2)  # warm both workers
        print("| case | page | req/s | p99 | ratio to no writes | draft saves | public changes |")
        print("|---|---|---:|---:|---:|---:|---:|")
        quiet = {}
        for name, writes, old_rule in cases:
            result = _measure(base, paths, args.seconds, writes, old_rule)
            for page in paths:
                row = result[page]
                quiet.setdefault(page, row["rps"])
                print(
                    f"| {name} | {page} | {row['rps']:.0f} | {row['p99']} "
                    f"| {row['rps'] / quiet[page]:.2f} | {result['drafts']} | {result['public']} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
