"""Text search over claims, behind one function.

Each claim keeps `search_text` (its text, its claimant's name and its quotes). PostgreSQL
searches it with full-text search (websearch syntax, English stemming) through the GIN
expression index `claim_search_idx`; other databases fall back to every word appearing,
case-insensitively.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200


def search_document():
    """The expression that both the index and the search use, so the index applies."""
    return SearchVector("search_text", config=SEARCH_CONFIG)


def search_claims(queryset, q: str):
    q = q.strip()
    if not q:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        query = SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        return queryset.alias(document=search_document()).filter(document=query)
    for word in q.split():
        queryset = queryset.filter(search_text__icontains=word)
    return queryset


class PostgresOnlyGinIndex(GinIndex):
    """A GIN index on PostgreSQL; on SQLite (no GIN, no tsvector) a no-op statement."""

    _NOOP = "SELECT 1"

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return self._NOOP
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return self._NOOP
        return super().remove_sql(model, schema_editor, **kwargs)
