"""The site's PostgreSQL connections: pooled, without JIT or parallel workers, by default."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL connection settings"
)


def _run_settings(env: dict, code: str) -> subprocess.CompletedProcess:
    """`code` run after settings.py has read this environment (and no DJANGO_DB_ or
    DATABASE_ variable of ours)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_DB_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def _settings_with(env: dict) -> dict:
    """The default database's OPTIONS as settings.py builds them from this environment."""
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    result = _run_settings(env, code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


POSTGRES = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test"}


def test_postgresql_defaults_pool_on_jit_off():
    options = _settings_with(POSTGRES)
    assert options["pool"] == {"min_size": 2, "max_size": 8}
    assert "-c jit=off" in options["options"]
    assert "-c max_parallel_workers_per_gather=0" in options["options"]


def test_pool_and_jit_can_be_switched():
    options = _settings_with({**POSTGRES, "DJANGO_DB_POOL": "0", "DJANGO_DB_JIT": "1"})
    assert "pool" not in options
    assert "-c jit=on" in options["options"]


def test_sqlite_gets_no_postgresql_options():
    options = _settings_with({"DATABASE_URL": "sqlite:////tmp/settings-check.sqlite3"})
    assert "pool" not in options and "options" not in options


@on_postgresql
@pytest.mark.django_db
def test_the_server_sees_jit_and_parallel_workers_off():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"


def _databases_with(env: dict) -> subprocess.CompletedProcess:
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps({a: [d['NAME'], d['TEST'].get('MIRROR'), d.get('OPTIONS', {})] "
        "for a, d in settings.DATABASES.items()}))"
    )
    return _run_settings(env, code)


def test_replicas_come_from_database_replica_urls():
    replicas = "postgres://postgres@10.0.0.2:5432/claims,postgres://postgres@10.0.0.3:5432/claims"
    result = _databases_with({**POSTGRES, "DATABASE_REPLICA_URLS": replicas})
    assert result.returncode == 0, result.stderr
    databases = json.loads(result.stdout)
    assert set(databases) == {"default", "replica_1", "replica_2"}
    assert databases["replica_2"][:2] == ["claims", "default"]  # a test mirror of the primary
    assert "-c jit=off" in databases["replica_1"][2]["options"]  # tuned as the primary is


def test_a_replica_of_another_kind_is_refused():
    result = _databases_with({**POSTGRES, "DATABASE_REPLICA_URLS": "sqlite:////tmp/x.db"})
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URLS must be the primary's kind of database" in result.stderr


@on_postgresql
def test_a_database_that_does_not_exist_is_named_at_once():
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/no_such_claims"},
        capture_output=True,
        text=True,
        timeout=20,  # the pool alone waited 30 s
    )
    assert result.returncode != 0
    assert 'database "no_such_claims" does not exist' in result.stderr
    assert "Traceback" not in result.stderr
