from . import upkeep  # noqa: F401  (registers the signal receivers)
from .articles import Article
from .choices import (
    CLAIMREVIEW_SCALE,
    KIND_WORDS,
    VERDICT_MARKS,
    ClaimantKind,
    ClaimKind,
    ClaimStatus,
    DatePrecision,
    Verdict,
    claimreview_rating,
    format_partial_date,
    needs_criteria,
    verdict_label,
)
from .claims import Claim, ClaimQuerySet, FormerSlug
from .evidence import Appearance, Correction, EvidenceLink, Outcome
from .finder import FinderDecision, FinderModel, FinderVerdict
from .follows import (
    WIDE_EVENTS,
    AlertEvent,
    DeliveryStatus,
    DispatchDue,
    EventKind,
    Follow,
    Follower,
    FollowKind,
    Notice,
    WebhookDelivery,
    WebhookEndpoint,
)
from .imports import ClaimImport, ImportFormat, ImportStatus
from .people import Claimant, Topic
from .reminders import DigestSent
from .state import RecordState, record_changed

__all__ = [
    "FinderDecision",
    "FinderModel",
    "FinderVerdict",
    "WIDE_EVENTS",
    "AlertEvent",
    "DeliveryStatus",
    "DispatchDue",
    "EventKind",
    "Follow",
    "Follower",
    "FollowKind",
    "Notice",
    "WebhookDelivery",
    "WebhookEndpoint",
    "KIND_WORDS",
    "VERDICT_MARKS",
    "CLAIMREVIEW_SCALE",
    "Appearance",
    "Article",
    "Claim",
    "ClaimKind",
    "ClaimQuerySet",
    "ClaimStatus",
    "ClaimImport",
    "Claimant",
    "ClaimantKind",
    "Correction",
    "DatePrecision",
    "DigestSent",
    "EvidenceLink",
    "FormerSlug",
    "ImportFormat",
    "ImportStatus",
    "Outcome",
    "RecordState",
    "Topic",
    "Verdict",
    "claimreview_rating",
    "format_partial_date",
    "needs_criteria",
    "record_changed",
    "verdict_label",
]
