"""An import that changes a published claim asks the workflow, as the admin does
(claims.workflow.changes): what an editor may change by hand (what the claim says, with a
note; a new quote or a new outcome with the current verdict) the import may too, for that
user, with the note in the row's `correction_note` column; what needs a chief editor is
refused for others with the workflow's own reason. Each allowed row leaves the same public,
dated correction the admin would."""

from django.core.exceptions import ValidationError

from claims import workflow
from claims.models import Claim
from claims.workflow import Act, Change, Part

NOTE_COLUMN = "correction_note"
# The claim's own fields an import row can change (the rest are its quote and outcome).
CLAIM_FIELDS = {
    "text", "claimant_role", "kind", "made_on", "made_on_precision", "check_by",
    "resolution_criteria", "claimant", "topics",
}  # fmt: skip


def review(row, user) -> list[str]:
    """Ask the workflow about `row`'s changes to its published claim: the reasons it is
    refused (empty when allowed); what must be recorded is kept on the row."""
    try:
        row.recorded = workflow.review(user, row.claim, changes(row), row.note)
    except ValidationError as exc:
        return [f"claim {row.claim.pk} is published: {message}" for message in exc.messages]
    return []


def changes(row) -> list[Change]:
    claim = row.claim
    proposed = []
    fields = [name for name in row.changed if name in CLAIM_FIELDS]
    if fields:
        shown = {name: row.values[name] for name in fields if name in row.values}
        described = list(workflow.field_changes(claim, shown).values())
        described += [f"{name} changed" for name in fields if name not in shown]
        summary = workflow.describe(Part.CLAIM, Act.CHANGE, "", described)
        proposed.append(Change(Part.CLAIM, Act.CHANGE, summary, fields=frozenset(fields)))
    if "quote" in row.changed:
        act = Act.CHANGE if row.quote_replaced else Act.ADD
        proposed.append(Change(Part.APPEARANCE, act, workflow.describe(Part.APPEARANCE, act)))
    if "outcome" in row.changed:
        act = Act.CHANGE if row.outcome_replaced else Act.ADD
        verdict = row.outcome["verdict"] if act == Act.ADD else None
        summary = workflow.describe(Part.OUTCOME, act)
        proposed.append(Change(Part.OUTCOME, act, summary, verdict=verdict))
    return proposed


def record(rows, user):
    """The public record of each written row's reviewed changes (after they are written)."""
    for row in rows:
        if getattr(row, "recorded", None):
            claim = Claim.objects.get(pk=row.claim.pk)
            workflow.record(user, claim, row.recorded, row.note)
