"""Read replicas (DATABASE_REPLICA_URLS): public reads from a replica, everything else from the
primary.

A request reads from a replica only when ReplicaReadsMiddleware says it may: a GET or HEAD
from a reader who is not signed in, outside the admin. Everything else reads the primary:
every write and any read in a transaction, editors (so an editor always reads their own
writes, never a replica that has not caught up), the admin, management commands, the shell,
background threads. A request that may read a replica reads one replica, chosen when it
starts, for every query, the record's generation included (claims.pages.fragments): a replica that
lags shows readers a page a moment old, as the page cache does, but a page is never cached
under a newer generation than the data it was built from. The CSV export reads the primary,
where it brings its kept rows up to date (claims.outputs.export_table).
"""

import random
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

_replica = ContextVar("replica", default=None)  # this request's replica alias, if it may read one


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        replica = _replica.get()
        if replica is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return replica

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # every alias holds the same data

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS  # replicas follow the primary's schema by replication


def _may_read_a_replica(request, anonymous: bool) -> bool:
    """A reader's GET or HEAD outside the admin; `anonymous`: known to come from a reader
    without a session (the page cache asks before authentication has run)."""
    if request.method not in ("GET", "HEAD") or request.path.startswith("/admin/"):
        return False
    return anonymous or not request.user.is_authenticated


def choose_replica(request, *, anonymous: bool):
    """Choose this request's replica (once: a choice made higher up stands) and return the
    token that ends it."""
    if _replica.get() is not None:
        return None
    replicas = replica_aliases()
    chosen = None
    if replicas and _may_read_a_replica(request, anonymous):
        chosen = random.choice(replicas)  # noqa: S311 - spreading load, not a secret
    return _replica.set(chosen)


def end_replica(token):
    if token is not None:
        _replica.reset(token)


class ReplicaReadsMiddleware:
    """After AuthenticationMiddleware: lets an anonymous read use a replica (the one the page
    cache chose, when it asked first: its key names the generation read there)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = choose_replica(request, anonymous=False)
        try:
            return self.get_response(request)
        finally:
            end_replica(token)
