"""Every change is kept, attributed, viewable and restorable."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from claims.models import Appearance, Article, Claim, Claimant, ClaimStatus, Outcome
from tests.admin_forms import form_data
from tests.factories import make_appearance, make_claim, make_outcome

pytestmark = pytest.mark.django_db


def test_admin_changes_record_who_and_what(editor_client, editor):
    claim = make_claim("Talks will resume soon.", status=ClaimStatus.DRAFT)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = form_data(editor_client, url)
    data["text"] = ["Talks will resume within two weeks."]
    assert editor_client.post(url, data).status_code == 302
    latest, previous = claim.history.all()[:2]
    assert latest.history_user == editor
    assert latest.text == "Talks will resume within two weeks."
    assert previous.text == "Talks will resume soon."
    delta = latest.diff_against(previous)
    assert "text" in delta.changed_fields
    history_page = editor_client.get(reverse("admin:claims_claim_history", args=[claim.pk]))
    assert "edna" in history_page.content.decode()


def test_an_earlier_version_can_be_restored(editor_client):
    claim = make_claim("Original wording.", status=ClaimStatus.DRAFT)
    original = claim.history.first()
    claim.text = "Wrong wording."
    claim.save()
    url = reverse("admin:claims_claim_simple_history", args=[claim.pk, original.history_id])
    data = form_data(editor_client, url)
    assert data["text"] == ["Original wording."]
    data["version"] = [str(Claim.objects.get(pk=claim.pk).version)]
    assert editor_client.post(url, data).status_code == 302
    assert Claim.objects.get(pk=claim.pk).text == "Original wording."


def test_every_model_keeps_history():
    claim = make_claim()
    appearance = make_appearance(claim)
    outcome = make_outcome(claim)
    link = outcome.links.create(title="Source", url="https://example.org")
    for obj in [claim, claim.claimant, appearance.article, appearance, outcome, link]:
        assert obj.history.count() >= 1, type(obj).__name__
    appearance.delete()
    assert Appearance.history.filter(history_type="-").count() == 1


def test_seed_loader_records_history():
    call_command("load_seeds", verbosity=0)
    for model in [Claim, Claimant, Article, Appearance, Outcome]:
        reasons = set(model.history.values_list("history_change_reason", flat=True))
        assert reasons == {"Loaded from seeds"}, model.__name__


def test_the_history_page_says_only_what_an_editor_can_use(editor_client):
    """No "version 1 → 2" lines, no "None" for a missing change reason, and an outcome
    added once is listed once (the app's own upkeep save after it is not an entry)."""
    claim = make_claim("Talks will resume soon.", status=ClaimStatus.DRAFT)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = form_data(editor_client, url)
    data.update({
        "outcomes-TOTAL_FORMS": ["1"], "outcomes-0-verdict": ["false"],
        "outcomes-0-decided_on": ["2019-10-05"], "outcomes-0-explanation": ["They did not."],
    })  # fmt: skip
    assert editor_client.post(url, data).status_code == 302
    outcome = claim.outcomes.get()
    outcome.save()  # a save that changes nothing an editor sees
    page = editor_client.get(reverse("admin:claims_claim_history", args=[claim.pk]))
    html = page.content.decode()
    assert "<strong>version:</strong>" not in html
    assert ">None<" not in html.replace(" ", "").replace("\n", "")
    timeline = html.split('id="claim-timeline"')[1]
    assert timeline.count("Outcome of 2019-10-05") == 1 and "Added: Outcome" in timeline
