"""The one place that decides whether a change to a published claim, or to anything that
hangs off it, is allowed for this user, and what public record it leaves.

The rule (README, "Changing a published claim"):
- Drafts change freely; nothing public records it (history does).
- Adding to a published claim (a quote, an outcome, evidence) is open to editors: the new
  entry is itself the public record. Only a chief editor may add an outcome with a
  different verdict.
- Changing what the claim says (its text, claimant, role, dates, kind, check-by date or
  topics) or where it is (its address) is open to editors, with a note: it is shown on the
  claim's page as a dated update. Its resolution criteria are the exception: fixed before
  the outcome is known, they are corrected only by a chief editor, with a note.
- Changing or removing an existing quote, outcome or evidence needs a chief editor and a
  note: it is shown as a dated correction.
Every admin door (forms, inlines, each model's own page, history restore, merge) asks here.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db import models

from claims.models import Claim, Correction
from claims.workflow.publishing import can_publish


class Part(StrEnum):
    CLAIM = "claim"
    APPEARANCE = "quote"
    OUTCOME = "outcome"
    EVIDENCE = "evidence"


class Act(StrEnum):
    ADD = "add"
    CHANGE = "change"
    DELETE = "delete"


@dataclass(frozen=True)
class Change:
    part: Part
    act: Act
    summary: str  # the public account of what changed, e.g. "claim text was “…”"
    verdict: str | None = None  # an added outcome's verdict
    fields: frozenset[str] = frozenset()  # a changed row's fields that changed


# What a reader sees of a claim itself; a change to any of these is a public update. The
# slug is its address: links to the old one redirect, but the change is public like any other.
PUBLIC_CLAIM_FIELDS = (
    "text",
    "short_text",
    "slug",
    "claimant",
    "claimant_role",
    "made_on",
    "made_on_precision",
    "kind",
    "check_by",
    "resolution_criteria",
    "topics",
)

NOTE_NEEDED = (
    "This claim is published, so this change is shown on its page with its date: "
    "write a correction note saying what changed and why."
)
CRITERIA_FOR_CHIEFS = (
    "This claim is published: its resolution criteria are frozen. Only a chief editor can "
    "correct them, with a correction note."
)
VERDICT_FOR_CHIEFS = (
    "Only a chief editor can change the verdict of a published claim. "
    "Add the outcome with the current verdict, or ask a chief editor."
)
_PLURAL = {
    Part.APPEARANCE: "quotes",
    Part.OUTCOME: "outcomes",
    Part.EVIDENCE: "outcomes’ evidence",
}


@dataclass(frozen=True)
class Allowed:
    """What the rule lets one user do to one claim, for forms to show before a save: fields
    they cannot change, whether its existing quotes, outcomes and evidence are fixed for them
    (no change, no removal), and the verdicts a new outcome may carry (None: any)."""

    frozen_fields: frozenset[str] = frozenset()
    rows_fixed: bool = False
    new_verdicts: tuple[str, ...] | None = None


def allowed(user, claim: Claim | None) -> Allowed:
    if claim is None or not claim.is_published or can_publish(user):
        return Allowed()
    return Allowed(frozenset({"resolution_criteria"}), True, (claim.verdict,))


def review(user, claim: Claim | None, changes: list[Change], note: str) -> list[Change]:
    """Refuse what the rule does not allow (a ValidationError listing every reason); return
    the changes that must leave a public record."""
    if claim is None or not claim.is_published:
        return []
    refusals = [reason for change in changes if (reason := _refusal(user, claim, change, note))]
    if refusals:
        raise ValidationError(sorted(set(refusals)))
    return [change for change in changes if change.act != Act.ADD]


def _refusal(user, claim: Claim, change: Change, note: str) -> str | None:
    may = allowed(user, claim)
    if change.act == Act.ADD:
        limited = change.verdict is not None and may.new_verdicts is not None
        return VERDICT_FOR_CHIEFS if limited and change.verdict not in may.new_verdicts else None
    if change.fields & may.frozen_fields:
        return CRITERIA_FOR_CHIEFS
    if change.part != Part.CLAIM and may.rows_fixed:
        return (
            f"This claim is published: its {_PLURAL[change.part]} can only be corrected by a "
            f"chief editor. Add a new {change.part} instead, or ask a chief editor."
        )
    if not (note or "").strip():
        return NOTE_NEEDED
    return None


def record(user, claim: Claim, changes: list[Change], note: str, outcome=None):
    """Write the public record of reviewed changes: one dated entry on the claim's page."""
    if not changes:
        return None
    return Correction.objects.create(
        claim=claim,
        outcome=outcome,
        note=note.strip(),
        changes="; ".join(change.summary for change in changes),
        created_by=user,
    )


def field_changes(persisted: models.Model, values: dict) -> dict[str, str]:
    """The fields of `values` that differ from the stored row: name → what it was."""
    described = {}
    for name, new in values.items():
        field = persisted._meta.get_field(name)
        old = _stored_value(persisted, field)
        if _comparable(old) != _comparable(new):
            described[name] = f"{field.verbose_name} was {_shown(persisted, field, old)}"
    return described


def describe(part: Part, act: Act, label: str = "", fields=()) -> str:
    """The public account of one change, e.g. "changed the claim: claim text was “…”"."""
    subject = f"the {part} {label}".strip()
    if act == Act.DELETE:
        return f"removed {subject}"
    if act == Act.ADD:
        return f"added {subject}"
    return f"changed {subject}: {', '.join(fields)}"


def _stored_value(obj, field):
    if field.many_to_many:
        return list(getattr(obj, field.name).all())
    if field.is_relation:
        return getattr(obj, field.name)
    return field.value_from_object(obj)


def _comparable(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, models.QuerySet | list | tuple | set):
        return frozenset(_comparable(v) for v in value)
    if value == "":
        return None
    return value


def _shown(obj, field, value) -> str:
    if value in (None, "", []):
        return "blank"
    if field.many_to_many:
        return ", ".join(str(v) for v in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return f"“{value if len(value) <= 200 else value[:199] + '…'}”"
    return str(value)
