"""A replica that lags never pins a stale page: with a second real database that holds an
older copy of the record (not a TEST MIRROR), a reader's page is built from the replica and
cached under the generation read from that same replica, so once the replica catches up the
next reader gets the new record, not the old page under the new generation. On SQLite the
replica is a file copied from the test database with SQLite's backup; on PostgreSQL a second
database restored from pg_dump."""

import shutil
import sqlite3
import subprocess
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import connections
from django.test import Client

from claims import workflow
from claims.models import Claim, ClaimStatus
from config import replicas
from tests.factories import make_sourced_claim

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ALIAS = "replica_lagging"
TOOLS = {name: shutil.which(name) for name in ("dropdb", "createdb", "pg_dump", "psql")}


class LaggingReplica:
    """A copy of the primary as of the last `catch_up()`."""

    def __init__(self, tmp_path):
        primary = connections["default"].settings_dict
        self.vendor = connections["default"].vendor
        self.settings = {**primary, "TEST": {}}
        if self.vendor == "sqlite":
            self.settings["NAME"] = str(tmp_path / "replica.sqlite3")
        else:
            self.settings["NAME"] = primary["NAME"] + "_lagging_replica"
            self.settings["OPTIONS"] = {
                k: v for k, v in primary.get("OPTIONS", {}).items() if k != "pool"
            }
            self.settings["ENGINE"] = "django.db.backends.postgresql"

    def catch_up(self):
        connections[ALIAS].close()
        if self.vendor == "sqlite":
            source = connections["default"]
            source.ensure_connection()
            target = sqlite3.connect(self.settings["NAME"])
            source.connection.backup(target)
            target.close()
            return
        self._restore_from_dump()

    def _restore_from_dump(self):
        primary = connections["default"].settings_dict
        server = ["-h", primary["HOST"] or "127.0.0.1", "-U", primary["USER"] or "postgres"]
        name = self.settings["NAME"]
        subprocess.run([TOOLS["dropdb"], *server, "--if-exists", name], check=True)
        subprocess.run([TOOLS["createdb"], *server, name], check=True)
        dump = subprocess.run(
            [TOOLS["pg_dump"], *server, "--no-owner", primary["NAME"]],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(
            [TOOLS["psql"], *server, "-q", "-d", name], input=dump, check=True, capture_output=True
        )

    def drop(self):
        connections[ALIAS].close()
        if self.vendor != "sqlite":
            primary = connections["default"].settings_dict
            server = ["-h", primary["HOST"] or "127.0.0.1", "-U", primary["USER"] or "postgres"]
            subprocess.run(
                [TOOLS["dropdb"], *server, "--if-exists", self.settings["NAME"]], check=True
            )


@contextmanager
def lagging_replica(tmp_path, settings, monkeypatch):
    """Its connection is made directly rather than declared in the settings, so the test
    case (which guards and flushes the databases it knows) leaves it alone."""
    if connections["default"].vendor == "postgresql" and not all(TOOLS.values()):
        pytest.skip("needs pg_dump, psql, createdb and dropdb")
    replica = LaggingReplica(tmp_path)
    connections.settings[ALIAS] = replica.settings  # a full settings dict: the primary's, renamed
    connections[ALIAS] = connections.create_connection(ALIAS)
    del connections.settings[ALIAS]
    settings.DATABASE_ROUTERS = ["config.replicas.ReplicaRouter"]
    monkeypatch.setattr(replicas, "replica_aliases", lambda: [ALIAS])
    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    try:
        yield replica
    finally:
        replica.drop()
        del connections[ALIAS]
        cache.clear()


def test_a_page_built_on_a_lagging_replica_is_never_served_as_current(
    tmp_path, settings, monkeypatch, chief_editor
):
    make_sourced_claim("Sanctions will stay.")
    draft = make_sourced_claim("Talks resume in a fortnight.", status=ClaimStatus.DRAFT)
    with lagging_replica(tmp_path, settings, monkeypatch) as replica:
        replica.catch_up()  # the replica as of now: the second claim is a draft there

        workflow.publish(Claim.objects.get(pk=draft.pk), chief_editor)  # on the primary
        reader = Client()
        before = reader.get("/claims/").content.decode()
        assert "Sanctions will stay." in before
        assert "Talks resume in a fortnight." not in before  # the replica has not caught up

        replica.catch_up()
        after = reader.get("/claims/").content.decode()
        assert "Talks resume in a fortnight." in after  # not the old page, newly labelled
