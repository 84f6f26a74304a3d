"""Shared pieces for the claim finder's tests and bench/finder.py: the seed articles published
again under another slug (their sentences then quoted by no claim), and which seed claims
a list of candidates holds."""

from claims.models import Appearance, Article


def reprint(article: Article, slug: str | None = None) -> Article:
    """The same text as a new article, as if another outlet ran it: nothing quotes it yet."""
    return Article.objects.create(
        slug=slug or f"{article.slug}-reprint", title=f"{article.title} (reprint)",
        publication="A reprint", text=article.text, body_starts_at=article.body_starts_at,
        published_on=article.published_on,
        published_on_precision=article.published_on_precision,
    )  # fmt: skip


def seed_quotes(article: Article) -> dict[str, tuple[int, int]]:
    """Each claim quoted from `article`: its slug and where the quote sits."""
    rows = Appearance.objects.filter(article=article).values_list(
        "claim__slug", "quote_start", "quote_end"
    )
    return {slug: (start, end) for slug, start, end in rows}


def found_in_top(candidates: list[dict], quotes: dict[str, tuple[int, int]]) -> set[str]:
    """The claims whose quote overlaps one of the first len(quotes) candidates."""
    top = candidates[: len(quotes)]
    return {slug for slug, (a, b) in quotes.items()
            if any(c["start"] < b and a < c["end"] for c in top)}  # fmt: skip
