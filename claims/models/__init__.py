from . import upkeep  # noqa: F401  (registers the signal receivers)
from .articles import Article
from .choices import (
    ClaimantKind,
    ClaimKind,
    ClaimStatus,
    DatePrecision,
    Verdict,
    claimreview_rating,
    format_partial_date,
)
from .claims import Claim, ClaimQuerySet, FormerSlug
from .evidence import Appearance, Correction, EvidenceLink, Outcome
from .people import Claimant, Topic

__all__ = [
    "Appearance",
    "Article",
    "Claim",
    "ClaimKind",
    "ClaimQuerySet",
    "ClaimStatus",
    "Claimant",
    "ClaimantKind",
    "Correction",
    "DatePrecision",
    "EvidenceLink",
    "FormerSlug",
    "Outcome",
    "Topic",
    "Verdict",
    "claimreview_rating",
    "format_partial_date",
]
