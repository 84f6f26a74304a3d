"""Start Django for a benchmark script: production-like settings on DATABASE_URL."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def ensure_database():
    """Create the PostgreSQL database named in DATABASE_URL if it does not exist yet."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    if config["ENGINE"] != "django.db.backends.postgresql":
        return
    server = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
            print(f"created database {config['NAME']}")


def setup(static: bool = False):
    """Django on DATABASE_URL; `static`: collect static files first, for scripts that
    render pages. With DEBUG off pages name the hashed files a deployment serves: without
    them every page is a 500, which a load tool counts as a fast answer."""
    if "DATABASE_URL" not in os.environ:
        sys.exit("Set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/claimtrack_bench).")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Measure as production runs: DEBUG off (no query log), no HTTPS redirect in-process.
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,localhost")
    os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
    # Each request builds its page: a benchmark of the page cache says so (bench.http_load).
    os.environ.setdefault("CLAIMTRACK_PAGE_CACHE_SECONDS", "0")
    import django

    django.setup()
    if static:
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
