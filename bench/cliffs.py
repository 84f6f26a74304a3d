"""Every "no cliffs" case in one run, each beside its anchor: deep pages beside page 1, the
site record right after changes beside no changes, the admin's deep pages beside its page 1,
the first export after a bulk load beside the kept rows, kept API answers beside kept list
pages, worker memory after import previews beside the 200 MB line, and SQLite with nothing
kept beside Datasette. Each script interleaves its own case with its anchor; this runs them
one after another and prints their tables (figures in bench/README.md).

    python -m bench.cliffs --postgres postgres://postgres@127.0.0.1:5432/claimtrack_bench \\
        --sqlite sqlite:////tmp/bench100k.sqlite3 --redis redis://127.0.0.1:6379/6

The PostgreSQL database is one `bench.fill` made (1M for the figures); the SQLite file one
of 100k; the memory case makes its own small database beside the PostgreSQL one.
"""

import argparse
import os
import subprocess
import sys

from bench.setup_django import ROOT

CASES = [
    ("deep pages beside page 1", "postgres", ["bench.deep_pages", "--repeat", "3"], False),
    ("the record after changes beside none", "postgres", ["bench.record_after_change"], True),
    ("admin deep pages beside page 1", "postgres", ["bench.admin_deep_pages", "--repeat", "3"],
     False),
    ("first export after a bulk load", "postgres", ["bench.export_after_load"], False),
    ("kept API answers beside kept pages", "postgres",
     ["bench.http_load", "--only", "list,API page 1", "--cached-only"], True),
    ("worker memory after import previews", "memory", ["bench.worker_memory"], True),
    ("SQLite beside Datasette", "sqlite", ["bench.beside_datasette"], False),
]  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", required=True)
    parser.add_argument("--sqlite", required=True)
    parser.add_argument("--redis", required=True, help="a Redis database the cases may empty")
    parser.add_argument("--only", help="case names that start with these, comma-separated")
    args = parser.parse_args()
    databases = {
        "postgres": args.postgres,
        "sqlite": args.sqlite,
        "memory": args.postgres.rsplit("/", 1)[0] + "/claimtrack_memory",
    }
    wanted = args.only.split(",") if args.only else None
    failed = []
    for name, database, command, shared_cache in CASES:
        if wanted and not any(name.startswith(w) for w in wanted):
            continue
        print(f"\n### {name}\n", flush=True)
        env = {**os.environ, "DATABASE_URL": databases[database]}
        env.pop("REDIS_URL", None)
        if shared_cache:
            subprocess.run(["redis-cli", "-u", args.redis, "flushdb"], check=False,
                           stdout=subprocess.DEVNULL)  # fmt: skip
            env["REDIS_URL"] = args.redis
        done = subprocess.run([sys.executable, "-m", *command], cwd=ROOT, env=env, check=False)
        if done.returncode:
            failed.append(name)
    if failed:
        sys.exit("failed: " + "; ".join(failed))


if __name__ == "__main__":
    main()
