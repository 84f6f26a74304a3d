"""Full-text search over claims: matching, ranking and highlighted snippets, behind three
functions (search_claims, rank_claims, snippets), the same on both databases.

Each claim keeps `search_text` (its text, its claimant's name and its quotes).
- PostgreSQL keeps `search_vector`, its stored tsvector, GIN-indexed (`claim_search_idx`):
  websearch syntax, English stemming, ranked by ts_rank, snippets by ts_headline.
- SQLite keeps an FTS5 index of it (`claims_claim_fts`, created by migration 0018 on SQLite
  only and kept in step by triggers, so every write counts: saves, set-based updates,
  imports): the same query syntax translated to FTS5's, Porter stemming, ranked by bm25,
  snippets by snippet().
A rank is an integer (the score × 10⁶), so a cursor can carry it exactly.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections
from django.db.models import BigIntegerField, F, Func, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

from claims.text.snippets import MARK_END, MARK_START, Match, located
from claims.vendor import is_postgresql

SEARCH_CONFIG = "english"
MAX_QUERY_LENGTH = 200
FTS_TABLE = "claims_claim_fts"
FTS_VOCABULARY = "claims_claim_fts_vocab"  # each stemmed word and how many claims hold it
RANK_SCALE = 1_000_000
SNIPPET_WORDS = 16


def _tsquery(q: str) -> SearchQuery:
    return SearchQuery(websearch_text(q), config=SEARCH_CONFIG, search_type="websearch")


def _meaningful_hyphen(q: str, i: int) -> bool:
    before = q[i - 1] if i else " "
    after = q[i + 1] if i + 1 < len(q) else " "
    excludes = before.isspace() and (after.isalnum() or after in '"_')  # -word, -"a phrase"
    joins = before.isalnum() and after.isalnum()  # north-korea
    return excludes or joins


def websearch_text(q: str) -> str:
    """`q` with every hyphen that is neither an exclusion nor inside a word made a space.
    PostgreSQL reads each other hyphen as one more NOT: a run of 40 ("------", "!-!-") fails
    with "tsquery stack too small" instead of matching nothing (5,000 random queries of
    operators, none fails after this)."""
    if "-" not in q:
        return q
    return "".join(
        " " if ch == "-" and not _meaningful_hyphen(q, i) else ch for i, ch in enumerate(q)
    )


# websearch syntax: "a phrase", -excluded, or; everything else a word.
_TERM = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')
_WORD = re.compile(r"\w+")


def fts5_query(q: str) -> str:
    """The websearch query `q` as an FTS5 expression: every word and phrase quoted (so no
    character of the query is FTS5 syntax), ANDed; `-word` excluded; `or` between two
    terms. An empty string when nothing in it can match."""
    wanted, excluded, joiner = [], [], " AND "
    for minus_phrase, phrase, minus_word, word in _TERM.findall(q):
        text, minus = (phrase, minus_phrase) if phrase or minus_phrase else (word, minus_word)
        if not minus and text.lower() == "or" and wanted:
            joiner = " OR "
            continue
        words = _WORD.findall(text)
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        if minus:
            excluded.append(term)
        elif joiner == " OR " and wanted:
            wanted[-1] = f"({wanted[-1]} OR {term})"
        else:
            wanted.append(term)
        joiner = " AND "
    if not wanted:
        return ""  # as on PostgreSQL: only exclusions match nothing
    return " AND ".join(wanted) + "".join(f" NOT {term}" for term in excluded)


def search_claims(queryset, q: str):
    q = q.strip()
    if not q:
        return queryset
    if is_postgresql(queryset):
        return queryset.filter(search_vector=_tsquery(q))
    expression = fts5_query(q)
    # Nothing that can match (only punctuation, only exclusions) matches nothing, as a
    # filter rather than .none(), which raw SQL built from the queryset cannot express.
    where = f"{FTS_TABLE} MATCH %s" if expression else "0"
    matching = f"SELECT rowid FROM {FTS_TABLE} WHERE {where}"  # noqa: S608
    return queryset.filter(pk__in=RawSQL(matching, [expression] if expression else []))  # noqa: S611


# bm25 is lower for a better match; a rank is higher, and a whole number.
_BM25_RANK = f"CAST(-bm25({FTS_TABLE}) * {RANK_SCALE} AS INTEGER)"


class Bm25Rank(Func):
    """A claim's bm25 score for an FTS5 query, as a rank (higher is better)."""

    output_field = BigIntegerField()

    def __init__(self, expression: str):
        super().__init__(F("pk"), Value(expression))

    def as_sql(self, compiler, connection, **extra):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        query_sql, query_params = compiler.compile(self.source_expressions[1])
        sql = (
            f"(SELECT {_BM25_RANK} FROM {FTS_TABLE}"  # noqa: S608
            f" WHERE {FTS_TABLE} MATCH {query_sql} AND rowid = {pk_sql})"
        )
        return sql, (*query_params, *pk_params)


def rank_claims(queryset, q: str):
    """`queryset` (already searched for `q`) with `search_rank`: how well each claim matches."""
    q = q.strip()
    if not q:
        return queryset.annotate(search_rank=Value(0, output_field=BigIntegerField()))
    if is_postgresql(queryset):
        score = SearchRank(F("search_vector"), _tsquery(q)) * RANK_SCALE
        return queryset.annotate(search_rank=Cast(score, BigIntegerField()))
    return queryset.annotate(search_rank=Bm25Rank(fts5_query(q) or '""'))


def search_ranks(claims, pks, q: str) -> dict[int, int]:
    """The rank rank_claims() gives each of the claims `pks` (all matching `q`, in the
    queryset `claims`), in one query: on SQLite one pass over the index, where ranking in
    SQL runs the search per row."""
    q = q.strip()
    if not q or not pks:
        return {}
    if is_postgresql(claims):
        ranked = rank_claims(claims.filter(pk__in=pks), q)
        return dict(ranked.values_list("pk", "search_rank"))
    return dict(_fts5_rows(_BM25_RANK, [], pks, q, claims.db))


def snippets(claims, pks, q: str) -> dict[int, Match]:
    """For the claims `pks` (in the queryset `claims`), where `q` matched: their text with
    the matches marked, and any other field that matched, named (claims.text.snippets).
    One query."""
    q = q.strip()
    if not q or not pks:
        return {}
    using = claims.db
    if is_postgresql(claims):
        headline = SearchHeadline(
            "search_text", _tsquery(q), config=SEARCH_CONFIG, start_sel=MARK_START,
            stop_sel=MARK_END, max_words=SNIPPET_WORDS * 2, min_words=SNIPPET_WORDS // 2,
            fragment_delimiter=" … ", max_fragments=2,
        )  # fmt: skip
        rows = claims.filter(pk__in=pks).annotate(snippet=headline)
        found = rows.values_list("pk", "snippet", "search_text")
    else:
        column = f"snippet({FTS_TABLE}, 0, %s, %s, ' … ', {SNIPPET_WORDS}), search_text"
        found = _fts5_rows(column, [MARK_START, MARK_END], pks, q, using)
    matches = {pk: located(text, headline) for pk, headline, text in found}
    return {pk: match for pk, match in matches.items() if match}


def _fts5_rows(column: str, params: list, pks, q: str, using) -> list[tuple]:
    """(rowid, `column`) from the FTS5 index for the claims `pks` that match `q`: one pass
    over the index (SQLite only)."""
    expression = fts5_query(q)
    if not expression:
        return []
    marks = ", ".join(["%s"] * len(pks))
    sql = (
        f"SELECT rowid, {column} FROM {FTS_TABLE} "  # noqa: S608 (constant SQL of this module)
        f"WHERE {FTS_TABLE} MATCH %s AND rowid IN ({marks})"
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [*params, expression, *pks])
        return cursor.fetchall()


# Written out in full (FTS_TABLE is claims_claim_fts): constant SQL, no input in it.
_FTS5_TRIGGERS = {
    "claims_claim_fts_insert": """AFTER INSERT ON claims_claim BEGIN
        INSERT INTO claims_claim_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    "claims_claim_fts_delete": """AFTER DELETE ON claims_claim BEGIN
        INSERT INTO claims_claim_fts(claims_claim_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END""",
    "claims_claim_fts_update": """AFTER UPDATE OF search_text ON claims_claim BEGIN
        INSERT INTO claims_claim_fts(claims_claim_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO claims_claim_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
}


def ensure_fts5_index(connection) -> bool:
    """On SQLite: create the FTS5 index of claims' search text and the triggers that keep it,
    and rebuild it if any trigger was missing; True when something had to be done.

    Run by migration 0018 and again after every `migrate` (claims.apps): SQLite rebuilds a
    table for most schema changes, and the triggers go with the old table."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('trigger', 'table')")
        present = {row[0] for row in cursor.fetchall()}
        if FTS_VOCABULARY not in present:  # a view of the index, nothing stored
            cursor.execute(f"CREATE VIRTUAL TABLE {FTS_VOCABULARY} "
                           f"USING fts5vocab({FTS_TABLE}, 'row')")  # fmt: skip
        missing = [name for name in _FTS5_TRIGGERS if name not in present]
        if not missing:
            return FTS_VOCABULARY not in present
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(search_text, "
            "content='claims_claim', content_rowid='id', "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )
        for name in missing:
            cursor.execute(f"CREATE TRIGGER {name} {_FTS5_TRIGGERS[name]}")
        # Rows written while a trigger was missing are in the table but not the index.
        cursor.execute("INSERT INTO claims_claim_fts(claims_claim_fts) VALUES ('rebuild')")
    return True


def drop_fts5_index(connection):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in _FTS5_TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_VOCABULARY}")
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
