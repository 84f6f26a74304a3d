"""An import that changes a published claim follows the admin's rule (claims.workflow): an
editor may change what the claim says, with the note the rule demands (the row's
`correction_note`), and the change is recorded publicly as in the admin; without a note, or
for what only a chief editor may change (the resolution criteria, an existing quote), the row
is refused with the workflow's own reason."""

import pytest

from claims.intake import importing
from claims.models import Claim, ClaimKind, Correction
from tests.factories import make_claim

pytestmark = pytest.mark.django_db
COLUMNS = "id,claim,claimant,claimant_kind,kind,date_made,resolution_criteria,correction_note"
CRITERIA = "Kept if talks resume by July 2019."


@pytest.fixture
def promise():
    return make_claim("Talks will resume.", kind=ClaimKind.PROMISE, resolution_criteria=CRITERIA)


def _row(claim, text=None, criteria=CRITERIA, note=""):
    return (
        f"{claim.pk},{text or claim.text},{claim.claimant.name},person,promise,"
        f"{claim.made_on},{criteria},{note}"
    )


def _preview(user, *rows):
    body = f"{COLUMNS}\n" + "\n".join(rows) + "\n"
    record = importing.start("claims.csv", body.encode(), user=user)
    return record, importing.preview_of(record)


def _errors(plan) -> str:
    return " ".join(error for row in plan.errors for error in row.errors)


def test_an_editor_changes_what_a_published_claim_says_with_a_note(editor, promise, client):
    row = _row(promise, "Talks will resume soon.", note="The quote says soon.")
    record, plan = _preview(editor, row)
    assert plan.ok, _errors(plan)
    importing.confirm(record, editor)
    assert Claim.objects.get(pk=promise.pk).text == "Talks will resume soon."
    correction = Correction.objects.get(claim=promise)
    assert correction.note == "The quote says soon."
    assert "claim was “Talks will resume.”" in correction.changes
    assert "The quote says soon." in client.get(promise.get_absolute_url()).content.decode()


def test_without_a_note_the_row_is_refused_with_the_workflows_reason(editor, promise):
    _, plan = _preview(editor, _row(promise, "Talks will resume soon."))
    assert "write a correction note saying what changed and why" in _errors(plan)
    assert Claim.objects.get(pk=promise.pk).text == "Talks will resume."


def test_only_a_chief_editor_imports_new_resolution_criteria(editor, chief_editor, promise):
    row = _row(promise, criteria="Kept if talks ever resume.", note="Loosened.")
    _, plan = _preview(editor, row)
    assert "its resolution criteria are frozen" in _errors(plan)
    record, plan = _preview(chief_editor, row)
    assert plan.ok, _errors(plan)
    importing.confirm(record, chief_editor)
    assert Claim.objects.get(pk=promise.pk).resolution_criteria == "Kept if talks ever resume."
    assert Correction.objects.get(claim=promise).created_by == chief_editor
