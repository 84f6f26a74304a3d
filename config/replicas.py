"""Read replicas (DATABASE_REPLICA_URLS): public reads from a replica, everything else from the
primary.

A request reads from a replica only when ReplicaReadsMiddleware says it may: a GET or HEAD
from a reader who is not signed in, outside the admin. Everything else reads the primary:
every write and any read in a transaction, editors (so an editor always reads their own
writes, never a replica that has not caught up), the admin, management commands, the shell,
background threads. A replica that lags shows readers a page a moment old, as the page cache
does; the record's generation is read from the same replica as the data, so a page is never
cached under a newer generation than what it shows.
"""

import random
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

_replica_reads = ContextVar("replica_reads", default=False)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not _replica_reads.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        replicas = replica_aliases()
        return random.choice(replicas) if replicas else DEFAULT_DB_ALIAS  # noqa: S311

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS  # replicas follow the primary's schema by replication


def _may_read_a_replica(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith("/admin/"):
        return False
    return not request.user.is_authenticated


class ReplicaReadsMiddleware:
    """After AuthenticationMiddleware: lets an anonymous read use a replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _replica_reads.set(_may_read_a_replica(request))
        try:
            return self.get_response(request)
        finally:
            _replica_reads.reset(token)
