"""Resolution criteria: written when a claim is entered, required to publish a
prediction or a promise, frozen once published (a chief editor's correction, with a public
note), and shown on the page, in the CSV and in the API."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from claims import workflow
from claims.models import Claim, ClaimKind, ClaimStatus, Correction
from tests.admin_forms import form_data
from tests.factories import make_sourced_claim

pytestmark = pytest.mark.django_db
CRITERIA = "Kept if working-level talks resume by mid-July 2019; broken if they do not."


def url_of(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


@pytest.fixture
def draft_promise():
    return make_sourced_claim(
        "Talks will resume in a couple of weeks.",
        kind=ClaimKind.PROMISE,
        status=ClaimStatus.DRAFT,
        resolution_criteria="",
    )


def test_a_prediction_or_promise_is_not_published_without_criteria(chief_editor, draft_promise):
    with pytest.raises(ValidationError) as refused:
        workflow.publish(draft_promise, chief_editor)
    assert refused.value.messages == [workflow.NO_CRITERIA]
    statement = make_sourced_claim(
        "Talks resumed.", kind=ClaimKind.STATEMENT, status=ClaimStatus.DRAFT
    )
    assert workflow.publish(statement, chief_editor)  # a statement needs none


def test_the_admin_form_asks_for_them_when_publishing(chief_client, draft_promise):
    data = form_data(chief_client, url_of(draft_promise))
    data["status"] = ["published"]
    response = chief_client.post(url_of(draft_promise), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["resolution_criteria"] == [
        workflow.NO_CRITERIA
    ]
    assert Claim.objects.get(pk=draft_promise.pk).status == ClaimStatus.DRAFT

    data["resolution_criteria"] = [CRITERIA]
    assert chief_client.post(url_of(draft_promise), data).status_code == 302
    claim = Claim.objects.get(pk=draft_promise.pk)
    assert (claim.status, claim.resolution_criteria) == (ClaimStatus.PUBLISHED, CRITERIA)


def test_once_published_only_a_chief_editor_corrects_them_in_public(editor_client, chief_client):
    claim = make_sourced_claim("Talks will resume.", kind=ClaimKind.PROMISE,
                               resolution_criteria=CRITERIA)  # fmt: skip
    # An editor sees them as they are, not as a box that Save would refuse; posted anyway,
    # they are not read.
    page = editor_client.get(url_of(claim)).content.decode()
    assert 'name="resolution_criteria"' not in page and CRITERIA in page
    data = form_data(editor_client, url_of(claim))
    data["resolution_criteria"] = ["Kept if talks ever resume."]
    data["correction_note"] = ["Loosened."]
    editor_client.post(url_of(claim), data)
    assert Claim.objects.get(pk=claim.pk).resolution_criteria == CRITERIA

    data = form_data(chief_client, url_of(claim))
    data["resolution_criteria"] = ["Kept if talks resume by the end of July 2019."]
    response = chief_client.post(url_of(claim), data)
    assert "write a correction note" in response.content.decode()  # never silently
    data["correction_note"] = ["The promise said weeks, not days: the date was wrong."]
    assert chief_client.post(url_of(claim), data).status_code == 302
    correction = Correction.objects.get(claim=claim)
    assert f"resolution criteria was “{CRITERIA}”" in correction.changes
    page = Client().get(claim.get_absolute_url()).content.decode()  # a reader
    assert "Kept if talks resume by the end of July 2019." in page
    assert "The promise said weeks, not days" in page


def test_shown_on_the_page_above_the_timeline_and_in_the_data(client):
    claim = make_sourced_claim("Talks will resume.", kind=ClaimKind.PROMISE,
                               resolution_criteria=CRITERIA)  # fmt: skip
    page = client.get(claim.get_absolute_url()).content.decode()
    assert page.index("How it will be judged") < page.index("Outcome timeline")
    assert CRITERIA in page
    rows = list(csv.DictReader(io.StringIO(client.get("/claims/export.csv").getvalue().decode())))
    assert rows[0]["resolution_criteria"] == CRITERIA
    api = client.get(f"/api/claims/{claim.pk}/").json()
    assert api["resolution_criteria"] == CRITERIA


def test_the_criteria_rule_is_the_workflows_for_every_door(editor, chief_editor):
    """Decided once, in claims.workflow: what any door (form, import, API) proposes."""
    from django.core.exceptions import ValidationError

    from claims import workflow
    from claims.workflow import Act, Change, Part

    claim = make_sourced_claim("Talks will resume.", kind=ClaimKind.PROMISE,
                               resolution_criteria=CRITERIA)  # fmt: skip
    moved = Change(Part.CLAIM, Act.CHANGE, "criteria", fields=frozenset({"resolution_criteria"}))
    with pytest.raises(ValidationError, match="resolution criteria are frozen"):
        workflow.review(editor, claim, [moved], "Loosened.")
    assert workflow.review(chief_editor, claim, [moved], "Corrected.") == [moved]
    worded = Change(Part.CLAIM, Act.CHANGE, "text", fields=frozenset({"text"}))
    assert workflow.review(editor, claim, [worded], "Reworded.") == [worded]
