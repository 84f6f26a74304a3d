"""Side doors of a published claim's record: the pages of its
outcomes, quotes and evidence links cannot move, strip or delete what the claim page guards."""

import pytest
from django.urls import reverse

from claims.models import Appearance, Claim, ClaimStatus, Correction, EvidenceLink, Outcome, Verdict
from tests.admin_forms import form_data
from tests.factories import (
    make_appearance,
    make_article,
    make_claim,
    make_outcome,
    make_sourced_claim,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    claim = make_sourced_claim("Talks will resume within two weeks.")
    make_outcome(claim, Verdict.UNRESOLVABLE)
    return claim


@pytest.fixture
def draft():
    return make_claim("A draft still being checked.", status=ClaimStatus.DRAFT)


def change(model, obj):
    return reverse(f"admin:claims_{model}_change", args=[obj.pk])


def test_an_outcome_cannot_be_moved_off_a_published_claim(editor_client, published, draft):
    outcome = published.outcomes.get()
    data = form_data(editor_client, change("outcome", outcome))
    assert "claim" not in data  # shown read-only on the outcome's page
    data["claim"] = [str(draft.pk)]  # forged
    editor_client.post(change("outcome", outcome), data)
    assert Outcome.objects.get(pk=outcome.pk).claim_id == published.pk
    published.refresh_from_db()
    assert published.verdict == Verdict.UNRESOLVABLE
    assert not draft.outcomes.exists()


def test_a_moved_outcome_resyncs_the_claim_it_leaves(published, draft):
    # The only mover left is the merge; the claim left behind must not keep a stale verdict.
    outcome = published.outcomes.get()
    outcome.claim = draft
    outcome.save()
    published.refresh_from_db()
    assert (published.verdict, published.verdict_on) == (Verdict.PENDING, None)


def test_a_quote_cannot_be_moved_off_a_published_claim(editor_client, published, draft):
    appearance = published.appearances.get()
    data = form_data(editor_client, change("appearance", appearance))
    assert "claim" not in data
    data["claim"] = [str(draft.pk)]
    editor_client.post(change("appearance", appearance), data)
    assert Appearance.objects.get(pk=appearance.pk).claim_id == published.pk


@pytest.mark.parametrize("model", ["appearance", "outcome", "evidencelink"])
def test_rows_of_a_published_claim_are_not_deleted_on_their_own_page(
    editor_client, chief_client, published, model
):
    link = published.outcomes.get().links.create(title="Source", url="https://example.org/a")
    obj = {
        "appearance": published.appearances.get(),
        "outcome": published.outcomes.get(),
        "evidencelink": link,
    }[model]
    url = reverse(f"admin:claims_{model}_delete", args=[obj.pk])
    for client in (editor_client, chief_client):
        assert client.post(url, {"post": "yes"}).status_code == 403
        bulk = client.post(
            reverse(f"admin:claims_{model}_changelist"),
            {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
        )
        assert bulk.status_code in (200, 403)
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_editor_cannot_remove_a_quote_on_the_claim_page(editor_client, published):
    url = change("claim", published)
    data = form_data(editor_client, url)
    assert "appearances-0-DELETE" not in data  # no Delete box offered
    data["appearances-0-DELETE"] = ["on"]  # forged
    data["appearances-0-correction_note"] = ["Wrong article."]
    editor_client.post(url, data)
    assert published.appearances.count() == 1


def test_the_last_quote_of_a_published_claim_stays(chief_client, published):
    url = change("claim", published)
    data = form_data(chief_client, url)
    data["appearances-0-DELETE"] = ["on"]
    data["appearances-0-correction_note"] = ["Wrong article."]
    response = chief_client.post(url, data)
    assert response.status_code == 200
    assert "at least one appearance whose quote is found" in response.content.decode()
    assert published.appearances.count() == 1


def test_chief_removes_one_of_two_quotes_as_a_public_correction(chief_client, client, published):
    second = make_appearance(published, make_article("Second report"), "We are ready")
    url = change("claim", published)
    data = form_data(chief_client, url)
    index = 0 if data["appearances-0-id"] == [str(second.pk)] else 1
    data[f"appearances-{index}-DELETE"] = ["on"]
    data[f"appearances-{index}-correction_note"] = ["The second report quoted someone else."]
    assert chief_client.post(url, data).status_code == 302
    assert list(published.appearances.values_list("quote", flat=True)) == ["in a couple of weeks"]
    correction = Correction.objects.get(claim=published)
    assert correction.changes == "removed the quote from “Second report”"
    body = client.get(published.get_absolute_url()).content.decode()
    assert "The second report quoted someone else." in body


def test_an_editor_cannot_change_or_remove_a_published_evidence_link(editor_client, published):
    outcome = published.outcomes.get()
    link = outcome.links.create(title="Source", url="https://example.org/a")
    url = change("outcome", outcome)
    data = form_data(editor_client, url)
    assert "links-0-DELETE" not in data  # no Delete box that Save would refuse
    data["links-0-DELETE"] = ["on"]  # forged
    editor_client.post(url, data)
    assert EvidenceLink.objects.filter(pk=link.pk).exists()
    data = form_data(editor_client, change("evidencelink", link))
    data["url"] = ["https://example.org/elsewhere"]
    editor_client.post(change("evidencelink", link), data)
    assert EvidenceLink.objects.get(pk=link.pk).url == "https://example.org/a"


def test_editors_may_add_evidence_to_a_published_claim(editor_client, published):
    outcome = published.outcomes.get()
    url = change("outcome", outcome)
    data = form_data(editor_client, url)
    data["links-0-title"] = ["Wire report"]
    data["links-0-url"] = ["https://example.org/wire"]
    assert editor_client.post(url, data).status_code == 302
    assert outcome.links.get().title == "Wire report"
    assert not Correction.objects.exists()  # an addition is its own public record
    assert Claim.objects.get(pk=published.pk).is_published
