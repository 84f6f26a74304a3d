"""Stored values derived from other rows (a claim's current verdict, its search text), as
set-based UPDATE expressions: one statement for one claim or for a million, so renames,
merges and imports cost the same few queries whatever they touch."""

from django.contrib.postgres.search import SearchVector
from django.db import models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat

from claims.text.search import SEARCH_CONFIG
from claims.vendor import is_postgresql

from .choices import Verdict


class JoinedLines(models.Aggregate):
    """Values joined by newlines: STRING_AGG on PostgreSQL, GROUP_CONCAT on SQLite."""

    function = "STRING_AGG"
    output_field = models.TextField()

    def __init__(self, expression, **extra):
        super().__init__(expression, Value("\n"), **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra)


def verdict_updates() -> dict:
    """verdict and verdict_on from each claim's latest outcome (latest decided, then last
    entered); pending with no date when there is none."""
    from .evidence import Outcome

    latest = Outcome.objects.filter(claim=OuterRef("pk")).order_by("-decided_on", "-pk")
    return {
        "verdict": Coalesce(Subquery(latest.values("verdict")[:1]), Value(Verdict.PENDING)),
        "verdict_on": Subquery(latest.values("decided_on")[:1]),
    }


def search_updates(queryset) -> dict:
    """search_text (claim text, claimant name, quotes, one per line) and, on PostgreSQL,
    its stored tsvector, computed by the database; and the number of appearances."""
    from .evidence import Appearance
    from .people import Claimant

    name = Claimant.objects.filter(pk=OuterRef("claimant_id")).values("name")[:1]
    quotes = (
        Appearance.objects.filter(claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(lines=JoinedLines("quote"))
        .values("lines")
    )
    as_text = models.TextField()
    text = Concat(
        "text",
        Value("\n"),
        Coalesce(Subquery(name, output_field=as_text), Value(""), output_field=as_text),
        Coalesce(
            Concat(Value("\n"), Subquery(quotes, output_field=as_text), output_field=as_text),
            Value(""),
            output_field=as_text,
        ),
        output_field=as_text,
    )
    count = (
        Appearance.objects.filter(claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    updates = {
        "search_text": text,
        # Derived from the quotes too, so kept in the same statement.
        "appearance_count": Coalesce(Subquery(count), Value(0)),
    }
    if is_postgresql(queryset):
        updates["search_vector"] = SearchVector(text, config=SEARCH_CONFIG)
    return updates
