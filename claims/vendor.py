"""What differs between the two databases the site runs on, said once: which one a query
runs on, and indexes that only one of them can build (GIN, tsvector, NULLS LAST in an index)
or needs (SQLite's own index where PostgreSQL's serves the query). Below the models, which
declare these indexes, and the text helpers, which build vendor-specific SQL."""

from django.contrib.postgres.indexes import GinIndex
from django.db import connections
from django.db.models import Index


def is_postgresql(queryset_or_alias) -> bool:
    """Whether a queryset (or a database alias) is on PostgreSQL."""
    alias = queryset_or_alias if isinstance(queryset_or_alias, str) else queryset_or_alias.db
    return connections[alias].vendor == "postgresql"


class PostgresOnlyMixin:
    """An index built on PostgreSQL only; elsewhere its SQL is a no-op statement, because
    the database cannot build it (GIN, tsvector, NULLS LAST in an index on SQLite)."""

    _NOOP = "SELECT 1"
    vendor = "postgresql"

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != self.vendor:
            return self._NOOP
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != self.vendor:
            return self._NOOP
        return super().remove_sql(model, schema_editor, **kwargs)


class SqliteOnlyIndex(PostgresOnlyMixin, Index):
    """An index built on SQLite only, where another (PostgreSQL's own) serves the query."""

    vendor = "sqlite"


class PostgresOnlyGinIndex(PostgresOnlyMixin, GinIndex):
    pass


class PostgresOnlyIndex(PostgresOnlyMixin, Index):
    pass
