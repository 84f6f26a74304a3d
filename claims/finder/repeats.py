"""The existing claims a sentence repeats or resembles.

Two steps, as a search engine does it: the database proposes a few claims per sentence from
its full-text index (each claim's search text holds its wording, its claimant and its
quotes), then rapidfuzz compares the sentence with each one's wording and quotes.
- A quote said again (the sentence holds it, or nearly) or the claim's own words: "repeat".
- Close wording that may be the same claim: "similar", for the editor to judge.
Nothing is merged or attached here: the editor clicks.

PostgreSQL asks for claims holding two of the sentence's twenty rarest words (rarity from the
planner's own statistics of the index, pg_stats), so a word every tenth claim holds never
floods the answer: at 1M claims an article's sentences are matched in one query (bench/finder.py).
SQLite ranks by bm25 over the sentence's twenty rarest words (rarity from FTS5's vocabulary),
one FTS5 query for the article."""

import re
import time
from dataclasses import dataclass
from itertools import combinations

from django.db import connections
from rapidfuzz import fuzz, utils
from snowballstemmer import stemmer

from claims.models import Appearance, Claim
from claims.text.search import FTS_TABLE, FTS_VOCABULARY
from claims.vendor import is_postgresql

REPEAT = 90  # rapidfuzz's 0–100 scale; measured in bench/finder.py (every seed quote ≥ 95)
SIMILAR = 70
PER_SENTENCE = 12  # claims proposed by the index for each sentence (one may quote five)
RARE_WORDS = 20  # two of them must match: 190 pairs, one GIN scan of 20 posting lists
COMMON_SHARE = 0.001  # a word in more than 0.1% of claims is too common to find a repeat by,
COMMON_CLAIMS = 100  # when it is in more than 100 of them too (seeds alone: 111 claims)
SHORT_QUOTE_WORDS = 6  # a shorter quote counts only when the sentence holds it exactly
STATS_SECONDS = 600
SQLITE_TERMS = 400  # subqueries per compound SELECT (SQLite's limit is 500)
SQLITE_WORDS = 30_000  # an article's distinct words asked at once (SQLite allows 32,766)
_STEMMER = stemmer("porter")  # as FTS5's porter tokenizer stems (Martin Porter's algorithm)
_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "that",
        "with",
        "this",
        "from",
        "have",
        "has",
        "had",
        "was",
        "were",
        "are",
        "but",
        "not",
        "his",
        "her",
        "its",
        "their",
        "they",
        "them",
        "she",
        "him",
        "who",
        "what",
        "which",
        "when",
        "where",
        "will",
        "would",
        "could",
        "should",
        "there",
        "been",
        "being",
        "into",
        "than",
        "then",
        "also",
        "about",
        "after",
        "before",
        "over",
        "more",
        "most",
        "some",
        "such",
        "only",
        "other",
        "said",
        "says",
        "very",
        "just",
        "can",
        "may",
        "might",
        "one",
        "two",
    ]
)


@dataclass(frozen=True)
class Match:
    claim_pk: int
    slug: str
    text: str
    score: int
    level: str  # "repeat" or "similar"


def matches(sentences: list[str], using: str = "default") -> list[list[Match]]:
    """For each sentence, the claims it repeats or resembles, best first."""
    if not sentences:
        return []
    if is_postgresql(using):
        pools = _postgresql_pools(sentences, using)
    else:
        pools = _sqlite_pools(sentences, using)
    wanted = {pk for pool in pools for pk in pool}
    claims = {c.pk: c for c in Claim.objects.using(using).unmerged().filter(pk__in=wanted)
              .only("pk", "slug", "text")}  # fmt: skip
    quotes: dict[int, list[str]] = {}
    for claim_pk, quote in (
        Appearance.objects.using(using).filter(claim__in=wanted).values_list("claim_id", "quote")
    ):
        quotes.setdefault(claim_pk, []).append(quote)
    return [
        _judge(sentence, [claims[pk] for pk in pool if pk in claims], quotes)
        for sentence, pool in zip(sentences, pools, strict=True)
    ]


def similarity(sentence: str, wording: str, quotes: list[str]) -> int:
    """0–100: how nearly `sentence` says a claim worded `wording` and quoted as `quotes`."""
    said = utils.default_process(sentence)
    best = fuzz.token_sort_ratio(said, utils.default_process(wording))
    for quote in quotes:
        quote = utils.default_process(quote)
        if len(quote.split()) >= SHORT_QUOTE_WORDS:
            best = max(best, fuzz.partial_ratio(quote, said))
        elif quote and f" {quote} " in f" {said} ":
            best = 100
    return round(best)


def _judge(sentence: str, claims: list[Claim], quotes: dict) -> list[Match]:
    found = []
    for claim in claims:
        score = similarity(sentence, claim.text, quotes.get(claim.pk, []))
        if score >= SIMILAR:
            level = "repeat" if score >= REPEAT else "similar"
            found.append(Match(claim.pk, claim.slug, claim.text, score, level))
    return sorted(found, key=lambda m: (-m.score, m.claim_pk))


def _words(sentence: str) -> list[str]:
    return [w for w in dict.fromkeys(w.lower() for w in _WORD.findall(sentence))
            if w not in _STOP]  # fmt: skip


def _sqlite_pools(sentences: list[str], using: str) -> list[list[int]]:
    """Each sentence's best claims by bm25 over its rarest words (document counts from FTS5's
    own vocabulary), in one query for the article: a compound SELECT of one ranked subquery
    per sentence (SQLite allows 500 terms)."""
    said = [_words(sentence) for sentence in sentences]
    words = sorted({w for ws in said for w in ws})
    stem = dict(zip(words, _STEMMER.stemWords(words), strict=True))
    docs, total = _sqlite_counts(set(stem.values()), using)
    # A word no claim holds can match nothing: it never takes one of the twenty places.
    share = {w: docs[stem[w]] / total for w in stem if docs.get(stem[w])}
    held = [[w for w in words if w in share] for words in said]
    asked = [(i, " OR ".join(f'"{w}"' for w in rare)) for i, words in enumerate(held)
             if (rare := _rarest(words, share, total))]  # fmt: skip
    pools: list[list[int]] = [[] for _ in sentences]
    term = (
        f"SELECT * FROM (SELECT %s, rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
        f"ORDER BY bm25({FTS_TABLE}) LIMIT {PER_SENTENCE})"
    )
    for first in range(0, len(asked), SQLITE_TERMS):
        batch = asked[first : first + SQLITE_TERMS]
        with connections[using].cursor() as cursor:
            cursor.execute(" UNION ALL ".join([term] * len(batch)),
                           [value for pair in batch for value in pair])  # fmt: skip
            for i, pk in cursor.fetchall():
                pools[i].append(pk)
    return pools


def _sqlite_counts(stems: set[str], using: str) -> tuple[dict[str, int], int]:
    """How many claims hold each (Porter-stemmed) word, and how many claims there are, in one
    query of FTS5's vocabulary (no word is empty, so '' carries the total)."""
    asked = sorted(stems)[:SQLITE_WORDS]
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT '', count(*) FROM claims_claim UNION ALL "  # noqa: S608
            f"SELECT term, doc FROM {FTS_VOCABULARY} "
            f"WHERE term IN ({', '.join(['%s'] * len(asked)) or 'NULL'})",
            asked,
        )
        docs = dict(cursor.fetchall())
    return docs, max(docs.pop(""), 1)


_stats: dict[str, tuple[float, dict[str, float], int]] = {}


def _common_words(using: str) -> tuple[dict[str, float], int]:
    """The index's most common lexemes and their shares, from the planner's statistics
    (kept by ANALYZE and autovacuum), and its estimate of the claims; read again every
    STATS_SECONDS."""
    read_at, shares, total = _stats.get(using, (0.0, {}, 0))
    if time.monotonic() - read_at < STATS_SECONDS:
        return shares, total
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = 'claims_claim' AND attname = 'search_vector'"
        )
        row = cursor.fetchone()
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'claims_claim'")
        total = max(int(cursor.fetchone()[0]), 1)  # -1 until the first ANALYZE
    shares = dict(zip(row[0], row[1], strict=False)) if row and row[0] else {}
    _stats[using] = (time.monotonic(), shares, total)
    return shares, total


def _postgresql_pools(sentences: list[str], using: str) -> list[list[int]]:
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT s.i, array_agg(l.lexeme) FROM unnest(%s::text[]) WITH ORDINALITY s(t, i), "
            "unnest(to_tsvector('english', s.t)) l GROUP BY s.i",
            [sentences],
        )
        lexemes = {i - 1: words for i, words in cursor.fetchall()}
    shares, total = _common_words(using)
    queries = [_rare_pairs(_rarest(lexemes.get(i, []), shares, total))
               for i in range(len(sentences))]  # fmt: skip
    asked = [(i, q) for i, q in enumerate(queries) if q]
    pools: list[list[int]] = [[] for _ in sentences]
    if not asked:
        return pools
    with connections[using].cursor() as cursor:
        cursor.execute(
            "SELECT q.i, c.id FROM unnest(%s::int[], %s::tsquery[]) q(i, query) "  # noqa: S608
            "CROSS JOIN LATERAL (SELECT id FROM claims_claim WHERE search_vector @@ q.query "
            f"AND merged_into_id IS NULL ORDER BY ts_rank(search_vector, q.query) DESC "
            f"LIMIT {PER_SENTENCE}) c",
            [[i for i, _ in asked], [q for _, q in asked]],
        )
        for i, pk in cursor.fetchall():
            pools[i].append(pk)
    return pools


def _rarest(words: list[str], shares: dict[str, float], total: int) -> list[str]:
    """The sentence's RARE_WORDS rarest words, leaving out those too common to find a repeat
    by: in more than COMMON_SHARE of the claims and more than COMMON_CLAIMS of them (in a
    small database every word is in a good share of the claims)."""
    limit = max(COMMON_SHARE, COMMON_CLAIMS / total)
    rare = [w for w in words if shares.get(w, 0.0) <= limit and len(w) > 2]
    rare.sort(key=lambda w: (shares.get(w, 0.0), -len(w), w))
    return rare[:RARE_WORDS]


def _rare_pairs(rare: list[str]) -> str:
    """A tsquery for claims holding two of the given words ('' for fewer than two)."""
    quoted = ["'" + w.replace("'", "''") + "'" for w in rare]
    return " | ".join(f"({a} & {b})" for a, b in combinations(quoted, 2))
