"""An editor's decision on a candidate, recorded: each is one function that checks the
sentence is still the article's (the text may have changed since the list was shown), writes
the decision and, for a repeat, the new quote (through claims.workflow.reporting)."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from claims.finder.ranking import Candidate, find
from claims.models import Article, Claim, FinderDecision, FinderVerdict
from claims.workflow.reporting import report_again

REJECTION_REASONS = [
    "a headline, caption, credit or link",
    "background narration with no claimant",
    "framing or a transition",
    "a question",
    "restates a claim already taken",
    "an opinion nobody could check",
]
CHANGED = (
    "That sentence is no longer in the article as it was listed (its text changed?): "
    "nothing was recorded. The list below is up to date."
)


def candidate_at(article: Article, start: int, end: int) -> Candidate:
    for candidate in find(article, with_matches=False).candidates:
        if (candidate.sentence.start, candidate.sentence.end) == (start, end):
            return candidate
    raise ValidationError(CHANGED)


def _record(article, candidate, verdict, user, *, claim=None, reason=""):
    s = candidate.sentence
    FinderDecision.objects.update_or_create(
        article=article, start=s.start, end=s.end,
        defaults={"sentence": s.text, "verdict": verdict, "claim": claim, "reason": reason,
                  "reasons": [r.code for r in candidate.reading.reasons], "decided_by": user},
    )  # fmt: skip


def accept(article: Article, start: int, end: int, user) -> str:
    """A claim: recorded, and the address of the claim form filled in from the sentence."""
    candidate = candidate_at(article, start, end)
    _record(article, candidate, FinderVerdict.ACCEPTED, user)
    s = candidate.sentence
    params = {"article": article.pk, "quote": s.text, "at": s.start, "text": s.text}
    if candidate.reading.kind:
        params["kind"] = candidate.reading.kind
    if candidate.claimant is not None:
        params["claimant"] = candidate.claimant.pk
    if candidate.check_by:
        params["check_by"] = candidate.check_by[0].isoformat()
    return f"{reverse('admin:claims_claim_add')}?{urlencode(params)}"


def accept_repeat(article: Article, start: int, end: int, claim_pk, user) -> Claim:
    """A repeat of an existing claim: the sentence becomes its new quote, anchored."""
    candidate = candidate_at(article, start, end)
    claim = (
        Claim.objects.unmerged().filter(pk=claim_pk).first() if str(claim_pk).isdigit() else None
    )
    if claim is None:
        raise ValidationError("That claim no longer exists (merged or deleted?): choose again.")
    with transaction.atomic():
        report_again(claim, article, candidate.sentence.text, candidate.sentence.start, user)
        _record(article, candidate, FinderVerdict.REPEAT, user, claim=claim)
    return claim


def reject(article: Article, start: int, end: int, reason: str, user):
    """Not a claim, for good: the sentence is not proposed again."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why it is not a claim: choose a reason or write one.")
    candidate = candidate_at(article, start, end)
    _record(article, candidate, FinderVerdict.REJECTED, user, reason=reason[:200])
