"""Benchmark the bulk import on DATABASE_URL: preview and confirmed import of N synthetic
claims with their articles (bench.import_data), each in a fresh process so its peak memory
is its own, then the undo.

    python -m bench.imports --size 10000      # targets: preview < 10 s, import < 30 s, < 300 MB

The claims tables are emptied first (as bench.fill does); the file is the same for a size.
"""

import argparse
import json
import resource
import subprocess
import sys
import time

from bench.setup_django import ROOT, ensure_database, setup

TARGETS = {"preview": 10.0, "import": 30.0}
RSS_TARGET_MB = 300


def empty_claims_tables():
    """The claims tables and every table that refers to them, as Django's flush empties them
    (TRUNCATE … CASCADE on PostgreSQL)."""
    from django.core.management.color import no_style
    from django.db import connection

    from bench.fill import TABLES

    ops = connection.ops
    ops.execute_sql_flush(ops.sql_flush(no_style(), TABLES, allow_cascade=True))


def step(name: str, size: int) -> dict:
    """One step in this process: `preview` (upload and preview) or `import` (both, then
    write); the seconds of the step itself and the process's peak RSS."""
    from bench.import_data import generate
    from claims.intake import importing

    claims, articles = generate(size)
    started = time.perf_counter()
    record = importing.start("bench.csv", claims, articles=("articles.csv", articles))
    plan = importing.preview_of(record)
    assert plan.ok, plan.errors[:3]
    previewed = time.perf_counter()
    result = {"step": name, "rows": len(plan.rows), "preview_s": round(previewed - started, 2)}
    if name == "import":
        importing.confirm(record)
        result["import_s"] = round(time.perf_counter() - previewed, 2)
        result["import_id"] = record.pk
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def in_child(name: str, size: int) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.imports", "--size", str(size), "--step", name],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def undo_seconds(import_id: int) -> float:
    from claims.intake import importing
    from claims.models import ClaimImport

    record = ClaimImport.objects.get(pk=import_id)
    started = time.perf_counter()
    importing.undo(record, record.created_by or _superuser())
    return round(time.perf_counter() - started, 2)


def _superuser():
    from django.contrib.auth.models import User

    user, _ = User.objects.get_or_create(username="bench-undo", is_superuser=True)
    return user


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--step", choices=["preview", "import"])
    parser.add_argument("--no-undo", action="store_true")
    args = parser.parse_args()
    if args.step:
        setup()
        print(json.dumps(step(args.step, args.size)))
        return
    ensure_database()
    setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    empty_claims_tables()
    preview = in_child("preview", args.size)
    empty_claims_tables()
    done = in_child("import", args.size)
    undo = None if args.no_undo else undo_seconds(done["import_id"])
    print("| rows | preview s | import s | peak RSS MB (preview / import) | undo s |")
    print("|---:|---:|---:|---:|---:|")
    print(
        f"| {done['rows']:,} | {preview['preview_s']} | {done['import_s']} | "
        f"{preview['peak_rss_mb']} / {done['peak_rss_mb']} | {undo} |"
    )
    print(
        f"targets: preview < {TARGETS['preview']} s, import < {TARGETS['import']} s, "
        f"peak RSS < {RSS_TARGET_MB} MB"
    )


if __name__ == "__main__":
    main()
