"""A published claim's outcome timeline is append-only except for noted public corrections."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from claims.models import Claim, ClaimStatus, Correction, Outcome, Verdict
from tests.admin_forms import form_data
from tests.factories import make_claim, make_outcome, make_sourced_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    claim = make_sourced_claim("Talks will resume within two weeks.")
    make_outcome(claim, Verdict.FALSE, datetime.date(2019, 10, 5))
    return claim


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def add_outcome(data, verdict, decided_on="2019-10-20", explanation="Still no meeting."):
    n = int(data["outcomes-TOTAL_FORMS"][0])
    data["outcomes-TOTAL_FORMS"] = [str(n + 1)]
    data[f"outcomes-{n}-verdict"] = [verdict]
    data[f"outcomes-{n}-decided_on"] = [decided_on]
    data[f"outcomes-{n}-explanation"] = [explanation]
    return data


def test_editor_cannot_change_a_published_verdict(editor_client, published):
    data = add_outcome(form_data(editor_client, change_url(published)), "true")
    response = editor_client.post(change_url(published), data)
    assert response.status_code == 200
    assert "Only a chief editor can change the verdict" in response.content.decode()
    assert published.outcomes.count() == 1


def test_editor_may_add_an_outcome_keeping_the_verdict(editor_client, published):
    data = add_outcome(form_data(editor_client, change_url(published)), "false")
    assert editor_client.post(change_url(published), data).status_code == 302
    assert published.outcomes.count() == 2


def test_editor_may_change_draft_outcomes_freely(editor_client):
    draft = make_claim("A draft.", status=ClaimStatus.DRAFT)
    make_outcome(draft, Verdict.FALSE)
    data = form_data(editor_client, change_url(draft))
    data["outcomes-0-verdict"] = ["true"]
    assert editor_client.post(change_url(draft), data).status_code == 302
    assert Claim.objects.get(pk=draft.pk).verdict == Verdict.TRUE
    assert not Correction.objects.exists()


def test_chief_editor_changes_the_verdict_with_a_new_outcome(chief_client, published):
    data = add_outcome(form_data(chief_client, change_url(published)), "mostly_false")
    assert chief_client.post(change_url(published), data).status_code == 302
    assert Claim.objects.get(pk=published.pk).verdict == Verdict.MOSTLY_FALSE


def test_editing_a_published_outcome_needs_chief_editor(editor_client, editor, published):
    from claims import workflow
    from claims.workflow import Act, Change, Part

    page = editor_client.get(change_url(published)).content.decode()
    assert 'name="outcomes-0-explanation"' in page and "outcomes-0-DELETE" not in page
    data = form_data(editor_client, change_url(published))
    data["outcomes-0-explanation"] = ["Rewritten."]  # posted into a field shown as fixed
    data["outcomes-0-correction_note"] = ["Typo."]
    editor_client.post(change_url(published), data)
    assert published.outcomes.get().explanation != "Rewritten."
    change = Change(
        Part.OUTCOME, Act.CHANGE, "changed the outcome", fields=frozenset({"explanation"})
    )
    with pytest.raises(ValidationError, match="can only be corrected by a chief editor"):
        workflow.review(editor, published, [change], "Typo.")


def test_correction_needs_a_note_and_is_shown_publicly(chief_client, client, published):
    data = form_data(chief_client, change_url(published))
    data["outcomes-0-verdict"] = ["mostly_false"]
    response = chief_client.post(change_url(published), data)
    assert "write a correction note" in response.content.decode()
    data["outcomes-0-correction_note"] = ["The Stockholm date was misread; verdict revised."]
    assert chief_client.post(change_url(published), data).status_code == 302
    correction = Correction.objects.get()
    assert correction.outcome == published.outcomes.get()
    body = client.get(published.get_absolute_url()).content.decode()
    assert "Corrections" in body
    assert "The Stockholm date was misread; verdict revised." in body
    assert datetime.date.today().strftime("%-d %B %Y") in body


def test_deleting_a_published_outcome_is_a_noted_correction(chief_client, published):
    data = form_data(chief_client, change_url(published))
    data["outcomes-0-DELETE"] = ["on"]
    response = chief_client.post(change_url(published), data)
    assert "write a correction note" in response.content.decode()
    assert published.outcomes.count() == 1
    data["outcomes-0-correction_note"] = ["Entered on the wrong claim."]
    assert chief_client.post(change_url(published), data).status_code == 302
    assert not published.outcomes.exists()
    correction = Correction.objects.get(claim=published)
    assert correction.note == "Entered on the wrong claim."
    assert correction.changes == "removed the outcome of 2019-10-05 (False)"
    assert correction.outcome is None


def test_editor_cannot_delete_a_published_outcome(editor_client, published):
    data = form_data(editor_client, change_url(published))
    assert "outcomes-0-DELETE" not in str(data)  # no Delete box offered
    data["outcomes-0-DELETE"] = ["on"]  # forged
    data["outcomes-0-correction_note"] = ["Trying."]
    editor_client.post(change_url(published), data)
    assert published.outcomes.count() == 1


def test_outcome_page_refuses_deleting_and_unnoted_edits(chief_client, published):
    outcome = published.outcomes.get()
    delete = reverse("admin:claims_outcome_delete", args=[outcome.pk])
    assert chief_client.post(delete, {"post": "yes"}).status_code == 403
    url = reverse("admin:claims_outcome_change", args=[outcome.pk])
    data = form_data(chief_client, url)
    data["explanation"] = ["Changed without a note."]
    response = chief_client.post(url, data)
    assert "write a correction note" in response.content.decode()
    data["correction_note"] = ["Clarified the explanation."]
    assert chief_client.post(url, data).status_code == 302
    assert Outcome.objects.get(pk=outcome.pk).explanation == "Changed without a note."
    assert Correction.objects.get().note == "Clarified the explanation."
