"""Reading schema.org ClaimReview into the export's columns, so that it goes through the
same preview and writing as a spreadsheet: one ClaimReview object, a list of them, a
`DataFeed` (or an `@graph`), or a ClaimReview markup page as Google's Fact Check Tools API
returns it (`claimReviewMarkups`, also inside `claimReviewMarkupPages`).

Each item becomes one row: claimReviewed → claim, the claim's author → claimant (a Person or
an Organization by its `@type`; a person, noted, when it has none, as Fact Check Tools gives
it), its jobTitle (an organisation's description) → role, the claim's datePublished → date
made (2019-10 and 2019 are a month and a year), the rating → verdict (see `verdict_for`),
decided on the review's datePublished (else its dateModified; with neither, no verdict is
recorded and the preview says why), and the review's page kept as evidence. ClaimReview does
not say what kind of claim it is: a rating in a kind's own words ("Kept", "Came true") tells
it; otherwise rows come in as statements, noted so. What it cannot carry (criteria, check-by,
topics, quotes) is named in every row's notes."""

import json
import math

from claims.intake.importing.table import Table, TableError, check_size
from claims.models import CLAIMREVIEW_SCALE, KIND_WORDS, Verdict

# Ratings named in words and nowhere on our scale are refused, never guessed, except these
# two that fact-checkers use widely for points on it.
NAMED_ON_SCALE = {label.lower() for v, label in Verdict.choices}
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
# A rating in a kind's own words tells the kind ("Kept": a promise).
KIND_OF_LABEL = {
    label.lower(): kind
    for kind, words in KIND_WORDS.items()
    for verdict, label in words.items()
    if verdict != Verdict.PENDING and label.lower() not in NAMED_ON_SCALE
}
COLUMNS = [
    "claim", "claimant", "claimant_kind", "role", "kind", "date_made", "date_precision",
    "verdict", "verdict_date", "outcome_explanation", "evidence_url", "evidence_title",
    "evidence_date",
]  # fmt: skip
NOT_CARRIED = (
    "not in ClaimReview, so not imported: resolution criteria, check-by date, topics and "
    "quotes (add them in the claim's form)"
)


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
        cells, item_notes, item_problems = _row(item)
        rows.append(cells)
        notes.append(item_notes)
        problems.append(item_problems)
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


def _date(value) -> tuple[str, str]:
    """An ISO date, date-time, year-month or year as (YYYY-MM-DD, precision); anything else
    is left as it is for the row's error."""
    text = _text(value)
    if len(text) >= 10 and text[10:11] in ("", "T", " "):
        return text[:10], "day"
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
        return f"{text}-01", "month"
    if len(text) == 4 and text.isdigit():
        return f"{text}-01-01", "year"
    return text, "day"


def _author(claim: dict) -> tuple[dict, str, list[str]]:
    """The claim's author, its kind and what the preview should say about it."""
    author = claim.get("author") or {}
    author = author[0] if isinstance(author, list) and author else author
    author = author if isinstance(author, dict) else {"name": _text(author)}
    kind = {"Person": "person", "Organization": "organization"}.get(_text(author.get("@type")))
    if kind:
        return author, kind, []
    name = _text(author.get("name"))
    said = f"claimant “{name}”: no @type given, taken as a person; change claimant_kind if not"
    return author, "person", [said] if name else []


def _row(review: dict) -> tuple[dict, list[str], list[str]]:
    claim = review.get("itemReviewed") if isinstance(review.get("itemReviewed"), dict) else {}
    author, claimant_kind, notes = _author(claim)
    publisher = _text(review.get("author")) or "the reviewer"
    rating = review.get("reviewRating")
    rating = rating if isinstance(rating, dict) else {}  # a string, a number: no rating
    verdict, mapping = verdict_for(rating)
    problems = [] if verdict else [f"reviewRating: {mapping}"]
    if not verdict and "disagree" not in mapping:
        problems = [f"reviewRating: {mapping}; {_SCALE}"]
    explanation = _text(rating.get("ratingExplanation")) or _text(review.get("reviewBody"))
    label = _text(rating.get("alternateName") or rating.get("name"))
    if not explanation and verdict:
        explanation = f"Rated “{label or verdict}” by {publisher}."
    made, precision = _date(claim.get("datePublished") or claim.get("dateCreated"))
    decided, _ = _date(review.get("datePublished") or review.get("dateModified"))
    if verdict and not decided:
        notes.append(
            f"verdict not recorded: the review gives no date (datePublished), and an outcome "
            f"needs one; add the {Verdict(verdict).label} verdict with its date in the claim's form"
        )
        verdict = ""
    kind = KIND_OF_LABEL.get(label.lower(), "statement")
    role = _text(author.get("jobTitle"))
    if claimant_kind == "organization":
        role = role or _text(author.get("description"))
    cells = {
        "claim": _text(review.get("claimReviewed")),
        "claimant": _text(author.get("name")),
        "claimant_kind": claimant_kind,
        "role": role,
        "kind": kind,
        "date_made": made,
        "date_precision": precision,
        "verdict": verdict,
        "verdict_date": decided if verdict else "",
        "outcome_explanation": explanation if verdict else "",
        "evidence_url": _text(review.get("url")),
        "evidence_title": _text(review.get("headline") or review.get("name"))
        or f"Review by {publisher}",
        "evidence_date": decided,
    }
    if kind == "statement":
        notes.append("kind: statement (ClaimReview does not say; change it if need be)")
    else:
        notes.append(f"kind: {kind}, from the rating “{label}”")
    return cells, [mapping, *notes, NOT_CARRIED], problems


def verdict_for(rating: dict) -> tuple[str, str]:
    """Our verdict for a ClaimReview rating, and how it was found, in words. A ratingValue on
    its worstRating–bestRating scale (1–5 when not given) is placed on our five points; else
    the rating's name must be one of ours."""
    value = _number(rating.get("ratingValue"))
    best, worst = _number(rating.get("bestRating"), 5), _number(rating.get("worstRating"), 1)
    name = _text(rating.get("alternateName") or rating.get("name"))
    if value is not None and best is not None and worst is not None and best != worst:
        share = (value - worst) / (best - worst)
        if not 0 <= share <= 1:
            return "", f"rating {value:g} is outside its scale {worst:g}–{best:g}"
        verdict = CLAIMREVIEW_SCALE[math.floor(1 + share * 4 + 0.5)]
        said = f"rating {value:g} on {worst:g}–{best:g}"
        named = NAMED.get(name.lower())
        if named and named != verdict:
            # PolitiFact's example: 1 of 6 named "True". Which one the reviewer meant is
            # theirs to say; a guess either way could publish the opposite verdict.
            return "", (
                f"{said} means {Verdict(verdict).label}, but its name “{name}” means "
                f"{Verdict(named).label}: they disagree, so no verdict is guessed"
            )
        return verdict, f"{said} → {Verdict(verdict).label}"
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
