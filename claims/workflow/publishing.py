"""The one publication path: every door (the claim form, the admin actions, history restore,
the seed loader and any import) publishes and unpublishes through these two functions."""

import logging
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.dispatch import Signal
from django.utils import timezone

from claims.models import Article, Claim, ClaimStatus
from claims.text.quotes import find_quote

PUBLISH_PERMISSION = "claims.publish_claim"
log = logging.getLogger("claimtrack.workflow")

UNSOURCED = (
    "A claim is published only with its evidence: at least one appearance whose quote is "
    "found in its article’s text."
)
MERGED = "A claim merged into another cannot be published."
PUBLISHERS_ONLY = "Only a chief editor can publish."
# Sent in the transaction that publishes a claim, by whichever door (claims.alerts listens).
claim_published = Signal()

NO_CRITERIA = (
    "A prediction or a promise is published only with its resolution criteria: what would "
    "make it come true or false, and by when."
)


def can_publish(user) -> bool:
    return user is not None and user.has_perm(PUBLISH_PERMISSION)


def require_publisher(user):
    if not can_publish(user):
        raise PermissionDenied(PUBLISHERS_ONLY)


def is_sourced(evidence: Iterable[tuple[Article, str]]) -> bool:
    """True when some (article, quote) pair has its quote in the article's text."""
    return any(article.text and find_quote(article.text, quote) for article, quote in evidence)


def stored_evidence(claim: Claim) -> list[tuple[Article, str]]:
    return [(a.article, a.quote) for a in claim.appearances.select_related("article")]


def publication_problems(claim: Claim, evidence=None) -> list[str]:
    """Why `claim` may not be public; `evidence` replaces its stored appearances when a form
    is about to change them."""
    problems = [MERGED] if claim.merged_into_id else []
    if claim.needs_criteria:
        problems.append(NO_CRITERIA)
    if not is_sourced(stored_evidence(claim) if evidence is None else evidence):
        problems.append(UNSOURCED)
    return problems


def publish(claim: Claim, user, *, reason="Published", as_loader=False) -> bool:
    """Publish a draft, recording who and when; False when it was already published.

    `as_loader` is for loaders run from the command line (seeds, imports), which have no
    signed-in chief editor; the rules on what may be public hold for them all the same."""
    if not as_loader:
        require_publisher(user)
    if claim.is_published:
        return False
    problems = publication_problems(claim)
    if problems:
        raise ValidationError(problems)
    claim.status = ClaimStatus.PUBLISHED
    claim.review_requested_at = claim.review_requested_by = None  # reviewed: off the desk
    claim.published_at = timezone.now()
    claim.published_by = user
    claim._change_reason = reason
    claim.save()
    claim_published.send(sender=Claim, claim=claim)
    log.info("claim published", extra=_event("publish", claim, user, reason))
    return True


def _event(name: str, claim: Claim, user, reason: str) -> dict:
    who = getattr(user, "username", None)
    return {"event": name, "claim": claim.pk, "slug": claim.slug, "user": who, "reason": reason}


def unpublish(claim: Claim, user, *, reason="Unpublished", as_loader=False) -> bool:
    """Take a claim back to draft; the last publication's who and when stay recorded."""
    if not as_loader:
        require_publisher(user)
    if not claim.is_published:
        return False
    claim.status = ClaimStatus.DRAFT
    claim._change_reason = reason
    claim.save()
    log.info("claim unpublished", extra=_event("unpublish", claim, user, reason))
    return True


def hand_over(claim: Claim, user, *, ready: bool):
    """Mark a draft ready for a chief editor's review (or take it back), before its save.
    A claim that is published, or about to be, is past review."""
    requested = getattr(claim, "requested_status", claim.status)
    if not ready or requested == ClaimStatus.PUBLISHED:
        claim.review_requested_at = claim.review_requested_by = None
    elif claim.review_requested_at is None:
        claim.review_requested_at = timezone.now()
        claim.review_requested_by = user


def set_status(claim: Claim, status: str, user, **kwargs) -> bool:
    """Move a claim to `status` through publish() or unpublish(); True when it moved."""
    if status == ClaimStatus.PUBLISHED:
        return publish(claim, user, **kwargs)
    return unpublish(claim, user, **kwargs)
