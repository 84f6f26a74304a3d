"""The editorial rules, in one place: who publishes (publishing), what a change to a
published claim needs and records (changes), how stale saves are caught (locking), and how
duplicates are merged (merging). Every admin door and loader goes through them."""

from claims.workflow.changes import (
    PUBLIC_CLAIM_FIELDS,
    VERDICT_FOR_CHIEFS,
    Act,
    Allowed,
    Change,
    Part,
    allowed,
    describe,
    field_changes,
    record,
    review,
)
from claims.workflow.locking import lock, stale_save_message
from claims.workflow.merging import merge, moved_to
from claims.workflow.publishing import (
    NO_CRITERIA,
    PUBLISH_PERMISSION,
    UNSOURCED,
    can_publish,
    hand_over,
    is_sourced,
    publication_problems,
    publish,
    set_status,
    stored_evidence,
    unpublish,
)

__all__ = [
    "NO_CRITERIA",
    "PUBLIC_CLAIM_FIELDS",
    "PUBLISH_PERMISSION",
    "UNSOURCED",
    "VERDICT_FOR_CHIEFS",
    "Act",
    "Allowed",
    "Change",
    "Part",
    "allowed",
    "can_publish",
    "describe",
    "field_changes",
    "hand_over",
    "is_sourced",
    "lock",
    "merge",
    "publication_problems",
    "publish",
    "record",
    "moved_to",
    "review",
    "set_status",
    "stale_save_message",
    "stored_evidence",
    "unpublish",
]
