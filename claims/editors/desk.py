"""The editor's desk on the admin index: for the signed-in user, what needs doing, each queue
counted and linked into the claims changelist filtered the same way (its "Desk" filter).

Every queue is a rule of Claim's QuerySet (drafts(), awaiting_review(), overdue(),
forgotten()) except "changed since you", which reads the claims' history. Counts stop at
EXACT_COUNT_CAP ("1,000+"): a LIMITed read of an index costs the same at any size, where an exact
COUNT of a large queue would not, and past a thousand the number changes nothing on the desk.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim
from claims.workflow import can_publish

SHOWN = 5  # claims listed under a queue
RECENT_EDITS = 500  # of a user's own edits, how many "changed since you" looks back over


@dataclass
class Queue:
    key: str
    title: str
    count: int
    url: str
    claims: list = field(default_factory=list)

    @property
    def count_label(self) -> str:
        return (
            f"{settings.EXACT_COUNT_CAP:,}+"
            if self.count > settings.EXACT_COUNT_CAP
            else f"{self.count:,}"
        )


def queue_claims(key: str, user, today=None):
    """The claims of one desk queue for `user` (also the changelist's Desk filter)."""
    claims = Claim.objects.all()
    if key == "mine":
        return claims.drafts().filter(created_by=user).order_by("-updated_at", "-pk")
    if key == "review":
        waiting = claims.awaiting_review()
        return waiting if can_publish(user) else waiting.filter(review_requested_by=user)
    if key == "overdue":
        return claims.published().overdue(today).order_by("check_by", "pk")
    if key == "forgotten":
        return claims.forgotten(today).order_by("updated_at", "pk")
    if key == "changed":
        return claims.filter(pk__in=changed_since_user(user)).order_by("-updated_at", "-pk")
    raise KeyError(key)


TITLES = {
    "mine": "Your drafts",
    "review": "Waiting for a chief editor",
    "overdue": "Published, check-by date passed, no outcome yet",
    "forgotten": "Pending with no check-by date, untouched for six months",
    "changed": "Changed by someone else since you last edited them",
}


def changed_since_user(user) -> list[int]:
    """Claims someone else (or a loader) changed after `user`'s own last change to them,
    among the RECENT_EDITS claims they changed last. Two GROUP BYs on the history."""
    history = Claim.history.model.objects
    mine = dict(
        history.filter(history_user=user)
        .values("id")
        .annotate(last=Max("history_date"))
        .order_by("-last")
        .values_list("id", "last")[:RECENT_EDITS]
    )
    if not mine:
        return []
    others = (
        history.filter(id__in=list(mine))
        .exclude(history_user=user)
        .values("id")
        .annotate(latest=Max("history_date"))
        .values_list("id", "latest")
    )
    return [pk for pk, latest in others if latest > mine[pk]]


def desk_for(user, today=None) -> list[Queue]:
    """The queues, the chief editor's review queue first (the oldest waiting listed)."""
    today = today or timezone.localdate()
    keys = ["review", "mine", "overdue", "forgotten", "changed"]
    if not can_publish(user):
        keys = ["mine", "review", "overdue", "forgotten", "changed"]
    changelist = reverse("admin:claims_claim_changelist")
    queues = []
    for key in keys:
        if key == "changed":
            count = len(changed_since_user(user))  # bounded by RECENT_EDITS
        else:
            claims = queue_claims(key, user, today)
            count = len(claims.values_list("pk", flat=True)[: settings.EXACT_COUNT_CAP + 1])
        shown = []
        if key in ("review", "mine") and count:
            shown = list(claims.select_related("claimant", "review_requested_by")[:SHOWN])
        queues.append(Queue(key, TITLES[key], count, f"{changelist}?desk={key}", shown))
    return queues
