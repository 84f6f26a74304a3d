"""Synthetic import files: N claims with the export's columns and the articles they quote,
with their text (one article per 5 claims, one claimant per 50, 50 topics, 60% judged).
Deterministic for a seed, so the round-trip test and the benchmark see the same data."""

import csv
import datetime
import io
import random

from claims.intake.importing.articles_sheet import COLUMNS as ARTICLE_COLUMNS
from claims.outputs.export import COLUMNS

VERDICTS = ["true", "mostly_true", "mixed", "mostly_false", "false", "unresolvable"]
KINDS = ["prediction", "promise", "statement", "assessment"]
WORDS = [
    "talks",
    "summit",
    "missile",
    "sanctions",
    "envoy",
    "border",
    "treaty",
    "deal",
    "relief",
    "freeze",
    "test",
]


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(n: int, seed: int = 7) -> tuple[bytes, bytes]:
    """(claims CSV, articles CSV), both UTF-8."""
    rng = random.Random(seed)
    start = datetime.date(2005, 1, 1)
    articles, claims = [], []
    for a in range(max(1, n // 5)):
        quotes = [f"quote {a}-{q}: {sentence(rng, 8)}" for q in range(5)]
        text = "\n\n".join(f"Paragraph. “{quote}” {sentence(rng, 12)}" for quote in quotes)
        made = start + datetime.timedelta(days=rng.randrange(20 * 365))
        articles.append((f"article-{a}", f"Article {a}", "Wire", f"https://news.example.org/{a}",
                         made, "day", text, quotes))  # fmt: skip
    for i in range(n):
        slug, _, _, url, made, _, _, quotes = articles[i // 5]
        judged = rng.random() < 0.6
        decided = made + datetime.timedelta(days=rng.randrange(1, 900))
        row = {
            "claim": f"Claim {i}: {sentence(rng, 10)}",
            "claimant": f"Claimant {i % max(1, n // 50)}",
            "claimant_slug": f"claimant-{i % max(1, n // 50)}",
            "claimant_kind": "person",
            "role": rng.choice(["Envoy", "Minister", ""]),
            "kind": rng.choice(KINDS),
            "date_made": made.isoformat(),
            "date_precision": "day",
            "check_by": (made + datetime.timedelta(days=365)).isoformat(),
            "verdict": rng.choice(VERDICTS) if judged else "pending",
            "verdict_date": decided.isoformat() if judged else "",
            "outcome_explanation": sentence(rng, 15) if judged else "",
            "topics": "; ".join(sorted({f"Topic {rng.randrange(50)}" for _ in range(2)})),
            "first_article_slug": slug,
            "first_article_url": url,
            "quote": quotes[i % 5],
            "detail_url": f"https://claims.example.org/claims/claim-{i}/",
        }
        claims.append(row)
    return _csv(COLUMNS, claims), _csv(ARTICLE_COLUMNS, [_article(a) for a in articles])


def _article(article) -> dict:
    slug, title, outlet, url, made, precision, text, _ = article
    return {"slug": slug, "title": title, "outlet": outlet, "url": url,
            "date": made.isoformat(), "date_precision": precision, "text": text}  # fmt: skip


def _csv(columns: list[str], rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()
