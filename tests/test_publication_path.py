"""One publication path: the form, the actions and the loaders all
publish through the workflow, which refuses a merged duplicate and a claim with no evidence."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from claims import workflow
from claims.models import Claim, ClaimStatus
from tests.admin_forms import form_data
from tests.factories import make_appearance, make_article, make_claim, make_sourced_claim

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:claims_claim_changelist")


def change_url(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


def test_publishing_a_merged_duplicate_on_the_form_is_a_form_error(chief_client):
    kept = make_sourced_claim("Talks will resume soon.")
    duplicate = make_sourced_claim("Talks resume soon.", status=ClaimStatus.DRAFT)
    Claim.objects.filter(pk=duplicate.pk).update(merged_into=kept)
    data = form_data(chief_client, change_url(duplicate))
    data["status"] = ["published"]
    response = chief_client.post(change_url(duplicate), data)
    assert response.status_code == 200
    assert "merged into another cannot be published" in response.content.decode()
    assert Claim.objects.get(pk=duplicate.pk).status == ClaimStatus.DRAFT


def test_the_form_and_the_action_record_the_same_publication(chief_client, chief_editor):
    by_form = make_sourced_claim("By the form.", status=ClaimStatus.DRAFT)
    by_action = make_sourced_claim("By the action.", status=ClaimStatus.DRAFT)
    data = form_data(chief_client, change_url(by_form))
    data["status"] = ["published"]
    assert chief_client.post(change_url(by_form), data).status_code == 302
    chief_client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [by_action.pk]}
    )
    for claim in (by_form, by_action):
        claim.refresh_from_db()
        assert claim.is_published
        assert claim.published_by == chief_editor
        assert claim.history.first().history_change_reason == "Published"


def test_a_claim_without_an_appearance_does_not_publish(chief_client, client):
    draft = make_claim("Said somewhere.", status=ClaimStatus.DRAFT)
    data = form_data(chief_client, change_url(draft))
    data["status"] = ["published"]
    response = chief_client.post(change_url(draft), data)
    assert "at least one appearance whose quote is found" in response.content.decode()
    chief_client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [draft.pk]})
    assert Claim.objects.get(pk=draft.pk).status == ClaimStatus.DRAFT
    with pytest.raises(ValidationError):
        workflow.publish(draft, None, as_loader=True)  # the loaders' door
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_quote_that_cannot_be_checked_is_no_evidence(chief_client):
    draft = make_claim("Said somewhere.", status=ClaimStatus.DRAFT)
    make_appearance(draft, make_article("No text kept", text=""), quote="anything at all")
    assert workflow.publication_problems(draft) == [workflow.UNSOURCED]
    with pytest.raises(ValidationError):
        workflow.publish(draft, None, as_loader=True)


def test_evidence_added_on_the_same_form_lets_it_publish(chief_client):
    draft = make_claim("Talks will resume.", status=ClaimStatus.DRAFT)
    article = make_article("Talks report")
    data = form_data(chief_client, change_url(draft))
    data.update(
        {
            "status": ["published"],
            "appearances-TOTAL_FORMS": ["1"],
            "appearances-0-article": [str(article.pk)],
            "appearances-0-quote": ["in a couple of weeks"],
        }
    )
    assert chief_client.post(change_url(draft), data).status_code == 302
    assert Claim.objects.get(pk=draft.pk).is_published


def test_an_editor_cannot_publish_through_the_workflow(editor):
    draft = make_sourced_claim("Talks resume soon.", status=ClaimStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        workflow.publish(draft, editor)
