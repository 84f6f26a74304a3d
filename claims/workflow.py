"""The editorial rules, in one place: who publishes, how published outcomes change, how
stale saves are caught, and how duplicates are merged. Used by the admin and tests alike.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from claims.models import Claim, ClaimStatus, Correction, Outcome

PUBLISH_PERMISSION = "claims.publish_claim"


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def _require_publisher(user):
    if not can_publish(user):
        raise PermissionDenied("Only a chief editor can do this.")


def publish(claim: Claim, user) -> bool:
    """Publish a draft, recording who and when; False when it was already published."""
    _require_publisher(user)
    if claim.is_published:
        return False
    if claim.merged_into_id:
        raise ValidationError("A claim merged into another cannot be published.")
    claim.status = ClaimStatus.PUBLISHED
    claim.published_at = timezone.now()
    claim.published_by = user
    claim._change_reason = "Published"
    claim.save()
    return True


def unpublish(claim: Claim, user) -> bool:
    """Take a claim back to draft; the last publication's who and when stay recorded."""
    _require_publisher(user)
    if not claim.is_published:
        return False
    claim.status = ClaimStatus.DRAFT
    claim._change_reason = "Unpublished"
    claim.save()
    return True


def check_outcome_change(user, claim: Claim, outcome: Outcome | None, *, verdict, deleting, note):
    """Refuse an outcome change that the rules for published claims do not allow.

    Drafts' outcomes are free to edit. On a published claim the timeline is append-only: a
    new outcome may keep the verdict, but only a chief editor may change the verdict, and
    editing or deleting an existing outcome needs a chief editor and a correction note.
    """
    if claim is None or not claim.is_published:
        return
    if outcome is None or outcome.pk is None:
        if verdict != claim.verdict and not can_publish(user):
            raise ValidationError(
                "Only a chief editor can change the verdict of a published claim. "
                "Add the outcome with the current verdict, or ask a chief editor."
            )
        return
    if not can_publish(user):
        raise ValidationError(
            "This claim is published: its outcomes can only be corrected by a chief editor. "
            "Add a new outcome instead."
        )
    if not note.strip():
        raise ValidationError(
            "Editing or deleting a published outcome is a public correction: "
            "write a correction note saying what changed and why."
        )


def record_correction(user, claim: Claim, outcome: Outcome | None, note: str, *, deleted=False):
    if deleted and outcome is not None:
        note = f"{note} (Removed outcome of {outcome.decided_on}: {outcome.get_verdict_display()}.)"
        outcome = None
    return Correction.objects.create(claim=claim, outcome=outcome, note=note, created_by=user)


def stale_save_message(claim: Claim, submitted_version: int) -> str | None:
    """Why a form built on `submitted_version` may not be saved, or None when it may."""
    if submitted_version == claim.version:
        return None
    latest = claim.history.select_related("history_user").first()
    who = getattr(latest.history_user, "username", None) if latest else None
    when = timezone.localtime(latest.history_date).strftime("%Y-%m-%d %H:%M") if latest else "?"
    return (
        f"{who or 'Someone'} changed this claim at {when}, after you opened it. "
        "Your changes are not saved and are still in the form below. Open the claim in "
        "another tab to see what they changed; saving again will replace their version "
        "with yours."
    )


@transaction.atomic
def merge(kept: Claim, duplicates, user) -> int:
    """Merge duplicates into `kept`: appearances, outcomes and topics move; the duplicates
    stay as drafts pointing at `kept`, so their history is kept and their URLs redirect."""
    _require_publisher(user)
    merged = 0
    for duplicate in duplicates:
        if duplicate.pk == kept.pk:
            continue
        _move_evidence(duplicate, kept)
        kept.topics.add(*duplicate.topics.all())
        duplicate.merged_into = kept
        duplicate.status = ClaimStatus.DRAFT
        duplicate._change_reason = f"Merged into claim {kept.pk}"
        duplicate.save()
        Claim.objects.filter(merged_into=duplicate).update(merged_into=kept)
        merged += 1
    kept.sync_verdict()
    kept._change_reason = "Merged duplicates in"
    kept.save()
    return merged


def _move_evidence(duplicate: Claim, kept: Claim):
    kept_articles = set(kept.appearances.values_list("article_id", flat=True))
    for appearance in duplicate.appearances.all():
        if appearance.article_id in kept_articles:
            appearance.delete()  # same article already evidences the kept claim; history keeps it
            continue
        appearance.claim = kept
        appearance.save()
    for outcome in duplicate.outcomes.all():
        outcome.claim = kept
        outcome.save()


def redirect_target(claim: Claim) -> Claim | None:
    """Where a merged claim's URL should lead: the published claim at the end of the chain."""
    seen = set()
    while claim.merged_into_id and claim.pk not in seen:
        seen.add(claim.pk)
        claim = claim.merged_into
    return claim if claim.is_published else None
