"""History restore: it works for everyone who may edit, and goes
through the same rules as the change form, so it cannot undo a correction by the side."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from claims.models import Claim, ClaimStatus, Correction, Outcome, Verdict
from tests.admin_forms import form_data
from tests.factories import make_claim, make_outcome, make_sourced_claim, make_user

pytestmark = pytest.mark.django_db


def restore_url(model, obj, record):
    return reverse(f"admin:claims_{model}_simple_history", args=[obj.pk, record.history_id])


@pytest.fixture
def corrected(chief_client):
    """A published claim whose outcome a chief editor corrected, with a public note."""
    claim = make_sourced_claim("Talks will resume within two weeks.")
    outcome = make_outcome(claim, Verdict.FALSE)
    url = reverse("admin:claims_outcome_change", args=[outcome.pk])
    data = form_data(chief_client, url)
    data["verdict"] = ["mostly_false"]
    data["correction_note"] = ["A meeting did take place, though later than said."]
    assert chief_client.post(url, data).status_code == 302
    return outcome


def test_an_editor_cannot_undo_a_correction_through_history(editor_client, corrected):
    earlier = corrected.history.order_by("history_id").first()
    assert earlier.verdict == Verdict.FALSE
    url = restore_url("outcome", corrected, earlier)
    data = form_data(editor_client, url)
    # For an editor the published outcome is fixed: shown, not offered as a form field.
    assert "verdict" not in data
    data["verdict"] = ["false"]  # forged: the earlier version's verdict
    editor_client.post(url, data)
    assert Claim.objects.get(pk=corrected.claim_id).verdict == Verdict.MOSTLY_FALSE
    assert Correction.objects.count() == 1


def test_a_chief_editor_restores_with_a_public_correction(chief_client, client, corrected):
    earlier = corrected.history.order_by("history_id").first()
    url = restore_url("outcome", corrected, earlier)
    data = form_data(chief_client, url)
    assert "write a correction note" in chief_client.post(url, data).content.decode()
    data["correction_note"] = ["The later meeting was not the one promised."]
    assert chief_client.post(url, data).status_code == 302
    claim = Claim.objects.get(pk=corrected.claim_id)
    assert claim.verdict == Verdict.FALSE
    latest = Correction.objects.latest("pk")
    assert latest.changes.startswith("changed the outcome of 2019-10-05 (Mostly false)")
    assert "verdict was Mostly false" in latest.changes
    body = client.get(claim.get_absolute_url()).content.decode()
    assert "The later meeting was not the one promised." in body


@pytest.fixture
def superuser_client():
    client = Client()
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    return client


@pytest.mark.parametrize("persona", ["editor_client", "chief_client", "superuser_client"])
def test_restoring_a_claim_version_works_for_everyone_who_edits(request, persona):
    client = request.getfixturevalue(persona)
    claim = make_sourced_claim("Talks will resume within two weeks.")
    original = claim.history.first()
    claim.text = "Talks will resume."
    claim.save()
    url = restore_url("claim", claim, original)
    data = form_data(client, url)
    assert data["text"] == ["Talks will resume within two weeks."]
    assert data["version"] == [str(Claim.objects.get(pk=claim.pk).version)]
    response = client.post(url, data)  # a published claim: the restore needs a note
    assert response.status_code == 200
    assert "write a correction note" in response.content.decode()
    data["correction_note"] = ["Restored the wording the article supports."]
    assert client.post(url, data).status_code == 302
    claim.refresh_from_db()
    assert claim.text == "Talks will resume within two weeks."
    assert claim.is_published
    correction = Correction.objects.get(claim=claim)
    assert correction.changes == "changed the claim: claim was “Talks will resume.”"


def test_restoring_a_draft_needs_no_note_and_never_publishes(chief_client):
    claim = make_sourced_claim("Original wording.")
    published_version = claim.history.first()
    claim.status = ClaimStatus.DRAFT
    claim.text = "Wrong wording."
    claim.save()
    url = restore_url("claim", claim, published_version)
    data = form_data(chief_client, url)
    assert "status" not in data  # publication is the workflow's act, not a restore's
    data["status"] = ["published"]  # forged
    assert chief_client.post(url, data).status_code == 302
    claim.refresh_from_db()
    assert (claim.text, claim.status) == ("Original wording.", ClaimStatus.DRAFT)
    assert not Correction.objects.exists()


def test_restoring_needs_the_right_to_change(corrected):
    reader_staff = Client()
    reader_staff.force_login(make_user("vera", is_staff=True))
    url = restore_url("outcome", corrected, corrected.history.order_by("history_id").first())
    assert reader_staff.post(url, {}).status_code == 403
    correction = Correction.objects.get()
    # Editors may read corrections; nobody rewrites one through its history page.
    editor = Client()
    editor.force_login(make_user("ed", groups=["editors"], is_staff=True))
    record = correction.history.first()
    response = editor.post(restore_url("correction", correction, record), {"note": "Gone."})
    assert response.status_code == 403
    assert Correction.objects.get().note != "Gone."
    assert Outcome.objects.get(pk=corrected.pk).verdict == Verdict.MOSTLY_FALSE


def test_restore_of_an_unknown_version_is_404(editor_client):
    claim = make_claim(status=ClaimStatus.DRAFT)
    url = reverse("admin:claims_claim_simple_history", args=[claim.pk, 999999])
    assert editor_client.get(url).status_code == 404
