"""The newsroom's vocabularies, each in one place."""

import datetime

from django.db import models
from django.utils.dateformat import format as format_date


class Verdict(models.TextChoices):
    PENDING = "pending", "Pending"
    TRUE = "true", "True"
    MOSTLY_TRUE = "mostly_true", "Mostly true"
    MIXED = "mixed", "Mixed"
    MOSTLY_FALSE = "mostly_false", "Mostly false"
    FALSE = "false", "False"
    UNRESOLVABLE = "unresolvable", "Unresolvable"


# schema.org ClaimReview ratings (worstRating 1, bestRating 5) for the five rated verdicts.
CLAIMREVIEW_RATINGS: dict[str, tuple[int, str]] = {
    Verdict.TRUE: (5, "True"),
    Verdict.MOSTLY_TRUE: (4, "Mostly true"),
    Verdict.MIXED: (3, "Mixed"),
    Verdict.MOSTLY_FALSE: (2, "Mostly false"),
    Verdict.FALSE: (1, "False"),
}


# The other way: the verdict at each point of the ClaimReview scale.
CLAIMREVIEW_SCALE: dict[int, str] = {
    rating: verdict for verdict, (rating, _) in CLAIMREVIEW_RATINGS.items()
}


def claimreview_rating(verdict: str) -> tuple[int, str] | None:
    """The ClaimReview (rating, label) for a verdict, or None when it is not rated."""
    return CLAIMREVIEW_RATINGS.get(verdict)


class ClaimKind(models.TextChoices):
    PREDICTION = "prediction", "Prediction"
    PROMISE = "promise", "Promise"
    STATEMENT = "statement", "Statement of fact"
    ASSESSMENT = "assessment", "Assessment"


# Each kind judged in its own words. One scale is stored for every claim (so filters,
# counts and ClaimReview ratings mean one thing everywhere); a promise and a prediction
# read it in the words promise and prediction trackers use. Statements of fact and
# assessments read the scale as it is. Documented on the public scale page.
KIND_WORDS: dict[str, dict[str, str]] = {
    ClaimKind.PROMISE: {
        Verdict.PENDING: "Not yet rated",
        Verdict.TRUE: "Kept",
        Verdict.MOSTLY_TRUE: "Mostly kept",
        Verdict.MIXED: "Compromise",
        Verdict.MOSTLY_FALSE: "Mostly broken",
        Verdict.FALSE: "Broken",
        Verdict.UNRESOLVABLE: "Cannot be rated",
    },
    ClaimKind.PREDICTION: {
        Verdict.PENDING: "Not yet resolved",
        Verdict.TRUE: "Came true",
        Verdict.MOSTLY_TRUE: "Mostly came true",
        Verdict.MIXED: "Partly came true",
        Verdict.MOSTLY_FALSE: "Mostly did not",
        Verdict.FALSE: "Did not come true",
        Verdict.UNRESOLVABLE: "Unresolvable",
    },
}


def verdict_label(verdict: str, kind: str | None = None) -> str:
    """A verdict in its kind's words ("Kept", "Came true"), else the scale's ("True")."""
    words = KIND_WORDS.get(kind, {})
    return words.get(verdict) or Verdict(verdict).label


# The scale's marks: each verdict is told apart by its label and this mark, never by
# colour alone.
VERDICT_MARKS: dict[str, str] = {
    Verdict.TRUE: "✔",
    Verdict.MOSTLY_TRUE: "◕",
    Verdict.MIXED: "◑",
    Verdict.MOSTLY_FALSE: "◔",
    Verdict.FALSE: "✘",
    Verdict.PENDING: "…",
    Verdict.UNRESOLVABLE: "?",
}


# Kinds judged by what later happens: they are published only with resolution criteria.
JUDGED_LATER = (ClaimKind.PREDICTION, ClaimKind.PROMISE)


def needs_criteria(kind: str, criteria: str | None) -> bool:
    """A prediction or promise without its resolution criteria may not be published."""
    return kind in JUDGED_LATER and not (criteria or "").strip()


class ClaimStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class ClaimantKind(models.TextChoices):
    PERSON = "person", "Person"
    ORGANIZATION = "organization", "Organization"
    UNNAMED = "unnamed", "Unnamed source(s)"


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    YEAR = "year", "Year"


_FORMATS = {DatePrecision.DAY: "j F Y", DatePrecision.MONTH: "F Y", DatePrecision.YEAR: "Y"}


def format_partial_date(value: datetime.date | None, precision: str) -> str:
    """A date shown no more precisely than it is known: '12 June 2018', 'June 2019', '2019'."""
    if value is None:
        return ""
    return format_date(value, _FORMATS.get(precision, _FORMATS[DatePrecision.DAY]))
