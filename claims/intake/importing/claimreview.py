"""Reading schema.org ClaimReview into the export's columns, so that it goes through the
same preview and writing as a spreadsheet: one ClaimReview object, a list of them, a
`DataFeed` (or an `@graph`), or a ClaimReview markup page as Google's Fact Check Tools API
returns it (`claimReviewMarkups`, also inside `claimReviewMarkupPages`).

Each item becomes one row: claimReviewed → claim, the claim's author → claimant (a Person or
an Organization by its `@type`), the claim's datePublished → date made, the rating → verdict
(see `verdict_for`), decided on the review's date, and the review's page kept as evidence.
ClaimReview does not say what kind of claim it is: rows come in as statements, noted so."""

import json
import math

from claims.intake.importing.table import Table, TableError, check_size
from claims.models import CLAIMREVIEW_SCALE, KIND_WORDS, Verdict

# Ratings named in words and nowhere on our scale are refused, never guessed, except these
# two that fact-checkers use widely for points on it.
NAMED = {label.lower(): v for v, label in Verdict.choices if v != Verdict.PENDING} | {
    "half true": Verdict.MIXED,
    "half-true": Verdict.MIXED,
    "pants on fire": Verdict.FALSE,
}
# Our own kind words ("Kept", "Came true"), as our ClaimReview's alternateName gives them.
NAMED |= {
    label.lower(): verdict
    for words in KIND_WORDS.values()
    for verdict, label in words.items()
    if verdict != Verdict.PENDING
}
COLUMNS = [
    "claim", "claimant", "claimant_kind", "role", "kind", "date_made", "verdict",
    "verdict_date", "outcome_explanation", "evidence_url", "evidence_title", "evidence_date",
]  # fmt: skip


def read_claimreview(data: bytes, name: str) -> tuple[Table, list[list[str]], list[list[str]]]:
    """The items as rows of the export's columns, the notes saying how each was read, and
    each item's problems that the columns cannot show (a rating off our scale)."""
    check_size(len(data), name)
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TableError(f"{name}: this is not JSON text ({exc}).") from exc
    except RecursionError:
        raise TableError(
            f"{name}: the JSON is nested too deeply to be ClaimReview (lists or objects "
            "inside each other thousands of levels down)."
        ) from None
    items = list(_items(document))
    if not items:
        raise TableError(
            f"{name}: no ClaimReview found (expected a ClaimReview object, a list of them, a "
            "DataFeed, or a Fact Check Tools markup page)."
        )
    rows, notes, problems = [], [], []
    for item in items:
        cells, item_notes = _row(item)
        rows.append(cells)
        notes.append(item_notes)
        problems.append([] if cells["verdict"] else [f"reviewRating: {item_notes[0]}; {_SCALE}"])
    table = Table(name, COLUMNS, rows, "JSON", list(range(1, len(rows) + 1)))
    return table, notes, problems


_SCALE = (
    "give a ratingValue (with bestRating and worstRating) or an alternateName that is one "
    "of True, Mostly true, Mixed, Mostly false, False, Unresolvable"
)


def _items(node):
    """Every ClaimReview in the document, as (review, page) pairs: the page is the Fact
    Check Tools markup page a review came in, else None."""
    if isinstance(node, list):
        for child in node:
            yield from _items(child)
    elif isinstance(node, dict):
        if "claimReviewMarkups" in node:
            for markup in node.get("claimReviewMarkups") or []:
                if isinstance(markup, dict):
                    yield _from_markup(markup, node)
        elif _is_type(node, "ClaimReview"):
            yield node
        else:
            for key in ("dataFeedElement", "item", "@graph", "claimReviewMarkupPages"):
                if key in node:
                    yield from _items(node[key])


def _is_type(node: dict, name: str) -> bool:
    kind = node.get("@type")
    return name in kind if isinstance(kind, list) else kind == name


def _from_markup(markup: dict, page: dict) -> dict:
    """A Fact Check Tools markup, said as schema.org says it."""
    author = markup.get("claimAuthor") or {}
    rating = markup.get("rating") or {}
    return {
        "@type": "ClaimReview",
        "url": markup.get("url") or page.get("pageUrl"),
        "claimReviewed": markup.get("claimReviewed"),
        "datePublished": page.get("publishDate"),
        "author": page.get("claimReviewAuthor") or {},
        "itemReviewed": {
            "@type": "Claim",
            "author": {"name": author.get("name"), "jobTitle": author.get("jobTitle")},
            "datePublished": markup.get("claimDate"),
        },
        "reviewRating": {
            "ratingValue": rating.get("ratingValue"),
            "bestRating": rating.get("bestRating"),
            "worstRating": rating.get("worstRating"),
            "alternateName": rating.get("textualRating"),
            "ratingExplanation": rating.get("ratingExplanation"),
        },
    }


def _text(value) -> str:
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).strip() if value is not None else ""


def _date(value) -> str:
    """The date part of an ISO date or date-time; anything else is left for the row's error."""
    text = _text(value)
    return text[:10] if len(text) >= 10 and text[10:11] in ("", "T", " ") else text


def _row(review: dict) -> tuple[dict, list[str]]:
    claim = review.get("itemReviewed") if isinstance(review.get("itemReviewed"), dict) else {}
    author = claim.get("author") or {}
    author = author[0] if isinstance(author, list) and author else author
    author = author if isinstance(author, dict) else {"name": _text(author)}
    publisher = _text(review.get("author")) or "the reviewer"
    rating = review.get("reviewRating")
    rating = rating if isinstance(rating, dict) else {}  # a string, a number: no rating
    verdict, mapping = verdict_for(rating)
    explanation = _text(rating.get("ratingExplanation")) or _text(review.get("reviewBody"))
    label = _text(rating.get("alternateName"))
    if not explanation and verdict:
        explanation = f"Rated “{label or verdict}” by {publisher}."
    cells = {
        "claim": _text(review.get("claimReviewed")),
        "claimant": _text(author.get("name")),
        "claimant_kind": {"Person": "person", "Organization": "organization"}.get(
            _text(author.get("@type")), ""
        ),
        "role": _text(author.get("jobTitle")),
        "kind": "statement",
        "date_made": _date(claim.get("datePublished") or claim.get("dateCreated")),
        "verdict": verdict,
        "verdict_date": _date(review.get("datePublished")),
        "outcome_explanation": explanation,
        "evidence_url": _text(review.get("url")),
        "evidence_title": _text(review.get("headline") or review.get("name"))
        or f"Review by {publisher}",
        "evidence_date": _date(review.get("datePublished")),
    }
    notes = [mapping, "kind: statement (ClaimReview does not say; change it if need be)"]
    return cells, notes


def verdict_for(rating: dict) -> tuple[str, str]:
    """Our verdict for a ClaimReview rating, and how it was found, in words. A ratingValue on
    its worstRating–bestRating scale (1–5 when not given) is placed on our five points; else
    the rating's name must be one of ours."""
    value = _number(rating.get("ratingValue"))
    best, worst = _number(rating.get("bestRating"), 5), _number(rating.get("worstRating"), 1)
    name = _text(rating.get("alternateName"))
    if value is not None and best is not None and worst is not None and best != worst:
        share = (value - worst) / (best - worst)
        if 0 <= share <= 1:
            point = math.floor(1 + share * 4 + 0.5)
            verdict = CLAIMREVIEW_SCALE[point]
            label = Verdict(verdict).label
            return verdict, f"rating {value:g} on {worst:g}–{best:g} → {label}"
        return "", f"rating {value:g} is outside its scale {worst:g}–{best:g}"
    if name.lower() in NAMED:
        verdict = NAMED[name.lower()]
        return verdict, f"rating “{name}” → {Verdict(verdict).label}"
    if name:
        return "", f"rating “{name}” is not on our scale and has no ratingValue"
    return "", "no rating"


def _number(value, default=None) -> float | None:
    if value in (None, ""):
        return default
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None
