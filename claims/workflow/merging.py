"""Merging duplicate claims: evidence moves to the kept claim, the duplicates stay (as drafts
pointing at it) so their history is kept and their addresses redirect."""

import logging

from django.db import transaction

from claims.models import Claim
from claims.workflow.changes import Act, Change, Part, record
from claims.workflow.publishing import require_publisher, unpublish

MERGE_NOTE = "Duplicate entries of this claim were merged into it."
log = logging.getLogger("claimtrack.workflow")


@transaction.atomic
def merge(kept: Claim, duplicates, user) -> int:
    """Merge `duplicates` into `kept`; a published kept claim shows the merge as an update."""
    require_publisher(user)
    verdict_before = kept.get_verdict_display()
    changes = []
    for duplicate in duplicates:
        if duplicate.pk == kept.pk:
            continue
        moved = _move_evidence(duplicate, kept)
        kept.topics.add(*duplicate.topics.all())
        unpublish(duplicate, user, reason=f"Merged into claim {kept.pk}")
        duplicate.merged_into = kept
        duplicate._change_reason = f"Merged into claim {kept.pk}"
        duplicate.save()
        Claim.objects.filter(merged_into=duplicate).update(merged_into=kept)
        changes.append(Change(Part.CLAIM, Act.CHANGE, f"merged claim {duplicate.pk} in ({moved})"))
    touched = Claim.objects.filter(pk__in=[kept.pk, *(d.pk for d in duplicates)])
    touched.sync_verdicts()  # derived values of every claim evidence moved between
    touched.refresh_search()
    kept.refresh_from_db(fields=["verdict", "verdict_on"])
    kept._change_reason = "Merged duplicates in"
    kept.save()
    if kept.is_published and changes:
        if kept.get_verdict_display() != verdict_before:
            changes.append(Change(Part.CLAIM, Act.CHANGE, f"verdict was {verdict_before}"))
        record(user, kept, changes, MERGE_NOTE)
    merged = [d.pk for d in duplicates if d.pk != kept.pk]
    log.info(
        "claims merged",
        extra={"event": "merge", "claim": kept.pk, "merged": merged, "user": user.username},
    )
    return len(changes)


def _move_evidence(duplicate: Claim, kept: Claim) -> str:
    kept_articles = set(kept.appearances.values_list("article_id", flat=True))
    quotes = outcomes = 0
    for appearance in duplicate.appearances.all():
        if appearance.article_id in kept_articles:
            appearance.delete()  # same article already evidences the kept claim; history keeps it
            continue
        appearance.claim = kept
        appearance.save()
        quotes += 1
    for outcome in duplicate.outcomes.all():
        outcome.claim = kept
        outcome.save()
        outcomes += 1
    return f"{quotes} quote(s) and {outcomes} outcome(s) moved"


def moved_to(slug: str) -> Claim | None:
    """The published claim an old address now leads to: a former slug of a claim, or a
    merged duplicate's slug. The claim page redirects there, and oEmbed answers for it."""
    claim = Claim.objects.filter(former_slugs__slug=slug).first()
    claim = claim or Claim.objects.filter(slug=slug, merged_into__isnull=False).first()
    return redirect_target(claim) if claim else None


def redirect_target(claim: Claim) -> Claim | None:
    """Where a merged claim's URL should lead: the published claim at the end of the chain."""
    seen = set()
    while claim.merged_into_id and claim.pk not in seen:
        seen.add(claim.pk)
        claim = claim.merged_into
    return claim if claim.is_published else None
