"""The claim finder on the seed articles, read by `manage.py find_claims --json`: every
sentence proposed with exact offsets, its reasons, kind, claimant and check-by; the seed
claims ranked above the narration; their quotes matched as repeats in a reprint; and
sentences already quoted not proposed again."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from claims.finder import repeats
from claims.models import Article, Claim
from tests.finder import found_in_top, reprint, seed_quotes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeds_for_module")]
SEED_ARTICLES = [
    "diplomat-august-fizzle-2018",
    "rogin-one-year-after-singapore-2019",
    "chickens-coming-home-to-roost-2019",
]
KEYS = {"start", "end", "text", "score", "reasons", "kind", "claimant", "check_by", "matches"}


def find_claims(slug: str) -> list[dict]:
    out = StringIO()
    call_command("find_claims", slug, "--json", stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


@pytest.mark.parametrize("slug", SEED_ARTICLES)
def test_the_seed_claims_rank_above_the_narration(slug):
    original = Article.objects.get(slug=slug)
    quotes = seed_quotes(original)
    candidates = find_claims(reprint(original).slug)
    share = len(found_in_top(candidates, quotes)) / len(quotes)
    assert share >= 0.85, f"{slug}: {share:.2f} of its claims in the top {len(quotes)}"


def test_each_candidate_is_anchored_exactly_and_listed_best_first():
    copy = reprint(Article.objects.get(slug=SEED_ARTICLES[1]))
    candidates = find_claims(copy.slug)
    assert candidates and all(set(c) == KEYS for c in candidates)
    assert all(copy.text[c["start"] : c["end"]] == c["text"] for c in candidates)
    assert all(c["start"] >= copy.body_starts_at for c in candidates)  # no picture slug
    scores = [c["score"] for c in candidates]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("slug", SEED_ARTICLES)
def test_every_seed_quote_in_a_reprint_is_matched_as_a_repeat(slug):
    original = Article.objects.get(slug=slug)
    candidates = find_claims(reprint(original).slug)
    for claim, (a, b) in seed_quotes(original).items():
        holding = [c for c in candidates if c["start"] < b and a < c["end"]]
        levels = {m["level"] for c in holding for m in c["matches"] if m["claim"] == claim}
        assert "repeat" in levels, f"{claim} not matched as a repeat"


def test_repeats_are_found_in_a_small_database_with_statistics(monkeypatch):
    # In a database of a hundred claims every word is in a good share of them: the planner's
    # statistics (PostgreSQL) or FTS5's counts (SQLite) must not make them all too common.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim")
    monkeypatch.setattr(repeats, "_stats", {})
    original = Article.objects.get(slug=SEED_ARTICLES[0])
    candidates = find_claims(reprint(original).slug)
    matched = {m["claim"] for c in candidates for m in c["matches"] if m["level"] == "repeat"}
    assert set(seed_quotes(original)) <= matched


def test_sentences_that_only_share_words_are_not_repeats():
    copy = reprint(Article.objects.get(slug=SEED_ARTICLES[0]))
    quotes = seed_quotes(Article.objects.get(slug=SEED_ARTICLES[0]))
    for candidate in find_claims(copy.slug):
        quoted_here = {s for s, (a, b) in quotes.items()
                       if candidate["start"] < b and a < candidate["end"]}  # fmt: skip
        repeats = {m["claim"] for m in candidate["matches"] if m["level"] == "repeat"}
        assert repeats <= quoted_here, candidate["text"]


def test_sentences_already_quoted_are_not_proposed_again():
    article = Article.objects.get(slug=SEED_ARTICLES[2])
    quotes = seed_quotes(article)
    for candidate in find_claims(article.slug):
        assert not any(candidate["start"] < b and a < candidate["end"] for a, b in quotes.values())


def test_reasons_kind_claimant_and_check_by_from_the_words():
    copy = reprint(Article.objects.get(slug=SEED_ARTICLES[2]))
    by_text = {c["text"]: c for c in find_claims(copy.slug)}
    resume = next(c for t, c in by_text.items() if "resume in “a couple of weeks" in t)
    assert resume["kind"] == "prediction"
    assert resume["check_by"] == (copy.published_on + datetime.timedelta(days=14)).isoformat()
    rogin = {
        c["text"]: c for c in find_claims(reprint(Article.objects.get(slug=SEED_ARTICLES[1])).slug)
    }
    ortagus = next(c for t, c in rogin.items() if t.startswith("State Department spokeswoman"))
    assert ortagus["claimant"] == "morgan-ortagus"
    assert "attributed (“told”)" in ortagus["reasons"]
    credit = next(c for t, c in rogin.items() if t == "Image Credit: AFP")
    assert credit["score"] < 0.01 and credit["kind"] == "statement"


def test_an_unknown_speaker_is_named_as_the_text_names_them():
    text = "Talks will collapse by the end of the year, Jane Marlowe said on Monday.\n"
    article = Article.objects.create(
        slug="marlowe", title="Marlowe", text=text, published_on=datetime.date(2019, 3, 4)
    )
    [candidate] = find_claims(article.slug)
    assert candidate["claimant"] == "Jane Marlowe"
    assert candidate["kind"] == "prediction"
    assert candidate["check_by"] == "2019-12-31"
    assert Claim.objects.filter(claimant__name="Jane Marlowe").count() == 0
