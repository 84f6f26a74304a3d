"""No lost updates: a save built on an older version of a row is refused, naming who changed
it and when. Every model an editor changes on its own page has a version (Versioned)."""

from django.db import models
from django.utils import timezone

from claims.models import Appearance, Claim, EvidenceLink, Outcome

# Where else a row's changes are recorded: the children whose saves move its version.
_CHILD_HISTORIES = {
    Claim: [(Appearance, "claim_id"), (Outcome, "claim_id")],
    Outcome: [(EvidenceLink, "outcome_id")],
}


def lock(model: type[models.Model], pk):
    """The stored row, locked until the transaction ends so two saves cannot both pass."""
    return model._default_manager.select_for_update().filter(pk=pk).first()


def stale_save_message(current: models.Model, submitted_version) -> str | None:
    """Why a form built on `submitted_version` may not be saved, or None when it may."""
    if submitted_version == current.version:
        return None
    latest = _latest_change(current)
    who = getattr(latest.history_user, "username", None) if latest else None
    when = timezone.localtime(latest.history_date).strftime("%Y-%m-%d %H:%M") if latest else "?"
    return (
        f"{who or 'Someone'} changed this {current._meta.verbose_name} at {when}, after you "
        "opened it. Your changes are not saved and are still in the form below. Open it in "
        "another tab to see what they changed; saving again will replace their version "
        "with yours."
    )


def _latest_change(obj):
    records = [obj.history.select_related("history_user").first()]
    for child, key in _CHILD_HISTORIES.get(type(obj), []):
        children = child.history.filter(**{key: obj.pk}).select_related("history_user")
        records.append(children.order_by("-history_date").first())
    records = [r for r in records if r is not None]
    return max(records, key=lambda r: r.history_date, default=None)
