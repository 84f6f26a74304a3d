"""Fill the database on DATABASE_URL with realistic synthetic claims, fast.

    python -m bench.fill --size 1m     # 10k, 100k or 1m claims (or any number)

Per claim: about 1.3 appearances, 0.6 outcomes and 1.5 topics; one claimant in 50 distinct
(20,000 at 1M), one article per 5 claims (200,000 at 1M), 200 topics, dates over 20 years,
a realistic mix of verdicts and kinds, some long article texts. One claimant,
`prolific-claimant`, has 0.5% of all claims (5,000 at 1M). The word "sanctions" is in
about 5% of claims (a common search), "zanzibarite" in exactly 20 (a rare one).
PostgreSQL is loaded with COPY (indexes dropped during the load and rebuilt after);
SQLite with batched inserts. Everything in the claims tables is replaced.
"""

import argparse
import datetime
import random
import time

from bench.setup_django import ensure_database, setup

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
START = datetime.date(2005, 1, 1)
DAYS = 20 * 365
VERDICTS = [
    ("pending", 40),
    ("true", 12),
    ("mostly_true", 10),
    ("mixed", 8),
    ("mostly_false", 10),
    ("false", 12),
    ("unresolvable", 8),
]
KINDS = [("prediction", 35), ("promise", 25), ("statement", 30), ("assessment", 10)]
COMMON_WORD, RARE_WORD, RARE_COUNT = "sanctions", "zanzibarite", 20
TABLES = [
    "claims_claim_topics",
    "claims_appearance",
    "claims_outcome_evidence_articles",
    "claims_evidencelink",
    "claims_correction",
    "claims_outcome",
    "claims_claim",
    "claims_article",
    "claims_topic",
    "claims_claimant",
]


def parse_size(value: str) -> int:
    return SIZES.get(value.lower()) or int(value.replace("_", ""))


class Generator:
    def __init__(self, n: int, seed: int = 1):
        self.n = n
        self.rng = random.Random(seed)
        syllables = ["ka", "lo", "mi", "ten", "ra", "vo", "sul", "en", "tar", "ob", "pre", "din"]
        made = {"".join(self.rng.choices(syllables, k=self.rng.randint(2, 4))) for _ in range(6000)}
        real = "the will by and of to in talks summit missile election budget tax jobs border"
        self.vocab = sorted(made) + real.split() * 40
        self.now = datetime.datetime.now(datetime.UTC)

    def words(self, k: int) -> str:
        return " ".join(self.rng.choices(self.vocab, k=k))

    def pick(self, weighted):
        values, weights = zip(*weighted, strict=True)
        return self.rng.choices(values, weights=weights)[0]

    def claimants(self):
        count = max(10, self.n // 50)
        for i in range(1, count + 1):
            name = (
                "Prolific Claimant"
                if i == 1
                else f"{self.words(1).title()} {self.words(1).title()} {i}"
            )
            slug = "prolific-claimant" if i == 1 else f"claimant-{i}"
            kind = "organization" if i % 10 == 0 else "person"
            yield (i, kind, name, slug, self.words(8)[:300], None)

    def topics(self):
        for i in range(1, 201):
            yield (i, f"Topic {i} {self.words(1)}", f"topic-{i}")

    def articles(self):
        count = max(10, self.n // 5)
        for i in range(1, count + 1):
            long = self.rng.random() < 0.02
            text = self.words(self.rng.randint(1500, 3000) if long else self.rng.randint(90, 220))
            day = START + datetime.timedelta(days=self.rng.randrange(DAYS))
            url = f"https://news{i % 50}.example.org/{i}" if i % 3 else ""
            yield (
                i,
                f"article-{i}",
                self.words(8).capitalize(),
                f"Outlet {i % 50}",
                "",
                url,
                day,
                "day",
                None,
                text,
            )

    def claims(self, claimant_names, article_texts):
        """Claims with their appearances, outcomes and topic links, as rows per table."""
        n_claimants, n_articles = len(claimant_names), len(article_texts)
        prolific = max(50, self.n // 200)
        rare = set(self.rng.sample(range(1, self.n + 1), RARE_COUNT))
        claims, appearances, outcomes, claim_topics = [], [], [], []
        for i in range(1, self.n + 1):
            claimant = 1 if i <= prolific else self.rng.randint(2, n_claimants)
            words = self.words(self.rng.randint(8, 30)).split()
            if self.rng.random() < 0.05:
                words.insert(self.rng.randrange(len(words)), COMMON_WORD)
            if i in rare:
                words.insert(self.rng.randrange(len(words)), RARE_WORD)
            text = " ".join(words).capitalize() + "."
            made = START + datetime.timedelta(days=self.rng.randrange(DAYS))
            kind = self.pick(KINDS)
            check_by = None
            if kind in ("prediction", "promise") and self.rng.random() < 0.7:
                check_by = made + datetime.timedelta(days=self.rng.randint(7, 730))
            verdict = self.pick(VERDICTS)
            verdict_on = None
            if verdict != "pending":
                verdict_on = made + datetime.timedelta(days=self.rng.randint(1, 900))
                if self.rng.random() < 0.05:  # an earlier "still pending" entry first
                    outcomes.append((i, "pending", made, self.words(20), self.now))
                outcomes.append((i, verdict, verdict_on, self.words(30), self.now))
            quotes = []
            for article in self.rng.sample(
                range(1, n_articles + 1), 2 if self.rng.random() < 0.3 else 1
            ):
                body = article_texts[article - 1]
                start = self.rng.randrange(max(1, len(body) - 200))
                start = body.find(" ", start) + 1
                end = body.rfind(" ", start, start + self.rng.randint(60, 160)) or start + 60
                end = max(end, start + 10)
                quote = body[start:end]
                quotes.append(quote)
                appearances.append(
                    (
                        i,
                        article,
                        quote,
                        "",
                        start,
                        end,
                        body[max(0, start - 32) : start],
                        body[end : end + 32],
                    )
                )
            for topic in self.rng.sample(range(1, 201), self.rng.choice((0, 1, 1, 2, 2, 3))):
                claim_topics.append((i, topic))
            status = "draft" if self.rng.random() < 0.05 else "published"
            search_text = "\n".join([text, claimant_names[claimant - 1], *quotes])
            claims.append(
                (
                    i,
                    text,
                    f"claim-{i}",
                    claimant,
                    "Role " + self.words(2),
                    made,
                    "day",
                    kind,
                    check_by,
                    verdict,
                    verdict_on,
                    status,
                    self.now if status == "published" else None,
                    None,
                    self.now,
                    self.now,
                    search_text,
                    1,
                    None,
                    len(quotes),
                )
            )
        outcomes = [(j, *row) for j, row in enumerate(outcomes, start=1)]
        claim_topics = [(j, *row) for j, row in enumerate(claim_topics, start=1)]
        appearances = [(j, *row) for j, row in enumerate(appearances, start=1)]
        return claims, appearances, outcomes, claim_topics


COLUMNS = {
    "claims_claimant": "id, kind, name, slug, description, affiliation_id",
    "claims_topic": "id, name, slug",
    "claims_article": "id, slug, title, publication, byline, url, published_on, "
    "published_on_precision, retrieved_on, text",
    "claims_claim": "id, text, slug, claimant_id, claimant_role, made_on, made_on_precision, "
    "kind, check_by, verdict, verdict_on, status, published_at, published_by_id, created_at, "
    "updated_at, search_text, version, merged_into_id, appearance_count",
    "claims_appearance": "id, claim_id, article_id, quote, attribution_note, quote_start, "
    "quote_end, quote_prefix, quote_suffix",
    "claims_outcome": "id, claim_id, verdict, decided_on, explanation, created_at",
    "claims_claim_topics": "id, claim_id, topic_id",
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", default="10k", help="10k, 100k, 1m or a number of claims")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    ensure_database()
    setup()
    from django.core.management import call_command
    from django.db import connection

    n = parse_size(args.size)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    gen = Generator(n, args.seed)
    claimants = list(gen.claimants())
    topics = list(gen.topics())
    articles = list(gen.articles())
    claims, appearances, outcomes, claim_topics = gen.claims(
        [c[2] for c in claimants], [a[-1] for a in articles]
    )
    data = {
        "claims_claimant": claimants,
        "claims_topic": topics,
        "claims_article": articles,
        "claims_claim": claims,
        "claims_appearance": appearances,
        "claims_outcome": outcomes,
        "claims_claim_topics": claim_topics,
    }
    generated = time.perf_counter()
    print(f"generated {n:,} claims in {generated - started:.0f} s", flush=True)
    if connection.vendor == "postgresql":
        from bench.load_postgresql import load
    else:
        from bench.load_sqlite import load
    load(connection, data, COLUMNS, TABLES)
    counts = {table: len(rows) for table, rows in data.items()}
    print(f"loaded in {time.perf_counter() - generated:.0f} s: {counts}")


if __name__ == "__main__":
    main()
