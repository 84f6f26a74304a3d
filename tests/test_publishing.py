"""Only chief editors publish and unpublish; publishing records who and when."""

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimStatus
from tests.admin_forms import form_data
from tests.factories import make_claim, make_sourced_claim

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:claims_claim_changelist")


def action(client, name, claims):
    return client.post(CHANGELIST, {"action": name, "_selected_action": [c.pk for c in claims]})


def test_chief_editor_publishes_and_it_is_recorded(chief_client, chief_editor):
    draft = make_sourced_claim("Talks resume soon.", status=ClaimStatus.DRAFT)
    response = action(chief_client, "publish_selected", [draft])
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ClaimStatus.PUBLISHED
    assert draft.published_by == chief_editor
    assert draft.published_at is not None
    latest = draft.history.first()
    assert latest.history_user == chief_editor
    assert latest.history_change_reason == "Published"
    assert chief_client.get(draft.get_absolute_url()).status_code == 200


def test_chief_editor_unpublishes(chief_client, client):
    claim = make_claim("Talks resume soon.")
    action(chief_client, "unpublish_selected", [claim])
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DRAFT
    assert client.get(claim.get_absolute_url()).status_code == 404


def test_editor_has_no_publish_actions(editor_client):
    draft = make_sourced_claim("Talks resume soon.", status=ClaimStatus.DRAFT)
    actions = editor_client.get(CHANGELIST).context["action_form"].fields["action"].choices
    names = [name for name, _ in actions]
    assert "publish_selected" not in names
    assert "merge_selected" not in names
    action(editor_client, "publish_selected", [draft])  # forged: ignored
    draft.refresh_from_db()
    assert draft.status == ClaimStatus.DRAFT


def test_editor_cannot_publish_through_the_form(editor_client):
    draft = make_sourced_claim("Talks resume soon.", status=ClaimStatus.DRAFT)
    url = reverse("admin:claims_claim_change", args=[draft.pk])
    data = form_data(editor_client, url)
    assert "status" not in data  # shown read-only
    data["status"] = ["published"]
    response = editor_client.post(url, data)
    assert response.status_code == 302
    assert Claim.objects.get(pk=draft.pk).status == ClaimStatus.DRAFT


def test_chief_editor_publishes_through_the_form(chief_client, chief_editor):
    draft = make_sourced_claim("Talks resume soon.", status=ClaimStatus.DRAFT)
    url = reverse("admin:claims_claim_change", args=[draft.pk])
    data = form_data(chief_client, url)
    data["status"] = ["published"]
    response = chief_client.post(url, data, follow=True)
    draft.refresh_from_db()
    assert (draft.status, draft.published_by) == (ClaimStatus.PUBLISHED, chief_editor)
    said = [str(message) for message in response.context["messages"]]
    public = draft.get_absolute_url()
    assert f'Published: <a href="{public}">{public}</a>' in said  # said, with where to see it


def test_groups_hold_exactly_the_publish_permission(editor, chief_editor):
    assert not editor.has_perm("claims.publish_claim")
    assert chief_editor.has_perm("claims.publish_claim")
    assert chief_editor.has_perm("claims.change_claim")
    assert not chief_editor.has_perm("claims.delete_claim")
