"""Text search over claims, behind one function.

Each claim keeps `search_text` (its text, its claimant's name and its quotes). On
PostgreSQL it also keeps `search_vector`, the stored tsvector of that text, GIN-indexed
(`claim_search_idx`), and searches it with full-text search (websearch syntax, English
stemming). Other databases fall back to every word appearing, case-insensitively.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery
from django.db import connections
from django.db.models import Index

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200


def is_postgresql(queryset) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def search_claims(queryset, q: str):
    q = q.strip()
    if not q:
        return queryset
    if is_postgresql(queryset):
        query = SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        return queryset.filter(search_vector=query)
    for word in q.split():
        queryset = queryset.filter(search_text__icontains=word)
    return queryset


class PostgresOnlyMixin:
    """An index built on PostgreSQL only; elsewhere its SQL is a no-op statement, because
    the database cannot build it (GIN, tsvector, NULLS LAST in an index on SQLite)."""

    _NOOP = "SELECT 1"

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return self._NOOP
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return self._NOOP
        return super().remove_sql(model, schema_editor, **kwargs)


class PostgresOnlyGinIndex(PostgresOnlyMixin, GinIndex):
    pass


class PostgresOnlyIndex(PostgresOnlyMixin, Index):
    pass
