"""The same claim is not entered twice: similar claims are shown, duplicates can be merged."""

import datetime

import pytest
from django.urls import reverse

from claims.editors.duplicates import similar_claims
from claims.models import Claim, ClaimStatus, Verdict
from tests.factories import (
    make_appearance,
    make_article,
    make_claim,
    make_claimant,
    make_outcome,
    make_topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pompeo():
    return make_claimant("Mike Pompeo")


def test_similar_claims_by_the_same_claimant(pompeo):
    existing = make_claim(
        "Talks with North Korea will resume in a couple of weeks.", claimant=pompeo
    )
    make_claim("Sanctions will stay in place.", claimant=pompeo)
    make_claim("Talks with North Korea will resume in a couple of weeks.", slug="x")  # another
    found = similar_claims(pompeo, "Talks with North Korea resume in a couple weeks")
    assert found == [existing]


def add_form(claimant, text, **extra):
    return {
        "text": text,
        "slug": "new-claim",
        "kind": "promise",
        "claimant": claimant.pk,
        "claimant_role": "",
        "made_on": "2019-08-01",
        "made_on_precision": "day",
        "check_by": "",
        "version": "1",
        "appearances-TOTAL_FORMS": "0",
        "appearances-INITIAL_FORMS": "0",
        "outcomes-TOTAL_FORMS": "0",
        "outcomes-INITIAL_FORMS": "0",
        **extra,
    }


def test_add_form_shows_possible_duplicates_until_confirmed(editor_client, pompeo):
    existing = make_claim(
        "Talks with North Korea will resume in a couple of weeks.", claimant=pompeo
    )
    url = reverse("admin:claims_claim_add")
    data = add_form(pompeo, "Talks with North Korea will resume in a couple weeks.")
    response = editor_client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "This claimant already has similar claims" in body
    assert reverse("admin:claims_claim_change", args=[existing.pk]) in body
    assert 'type="checkbox" name="not_a_duplicate"' in body  # the box, beside the list
    assert Claim.objects.count() == 1
    assert editor_client.post(url, {**data, "not_a_duplicate": "on"}).status_code == 302
    assert Claim.objects.count() == 2


@pytest.fixture
def pair(pompeo):
    first, second = make_article("First report"), make_article("Second report")
    kept = make_claim("Talks resume in two weeks.", claimant=pompeo, topics=[make_topic("Talks")])
    make_appearance(kept, first)
    duplicate = make_claim("Talks will resume in two weeks.", claimant=pompeo)
    duplicate.topics.add(make_topic("Summits"))
    make_appearance(duplicate, first)
    make_appearance(duplicate, second, quote="We are ready when they are.")
    make_outcome(duplicate, Verdict.FALSE, datetime.date(2019, 10, 5))
    return kept, duplicate


def merge(client, kept, duplicate):
    return client.post(
        reverse("admin:claims_claim_changelist"),
        {
            "action": "merge_selected",
            "_selected_action": [kept.pk, duplicate.pk],
            "kept": kept.pk,
            "confirm": "1",
        },
    )


def test_merge_moves_evidence_keeps_history_and_redirects(chief_client, client, pair):
    kept, duplicate = pair
    assert merge(chief_client, kept, duplicate).status_code == 302
    kept = Claim.objects.get(pk=kept.pk)
    duplicate = Claim.objects.get(pk=duplicate.pk)
    assert sorted(a.article.title for a in kept.appearances.all()) == [
        "First report",
        "Second report",
    ]
    assert kept.outcomes.count() == 1
    assert kept.verdict == Verdict.FALSE
    assert sorted(t.name for t in kept.topics.all()) == ["Summits", "Talks"]
    assert duplicate.merged_into == kept
    assert duplicate.status == ClaimStatus.DRAFT
    assert duplicate.history.first().history_change_reason == f"Merged into claim {kept.pk}"
    response = client.get(duplicate.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == kept.get_absolute_url()


def test_merge_confirmation_page_lists_the_claims(chief_client, pair):
    kept, duplicate = pair
    response = chief_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "merge_selected", "_selected_action": [kept.pk, duplicate.pk]},
    )
    assert response.status_code == 200
    assert "Choose the claim to keep" in response.content.decode()
    assert Claim.objects.get(pk=duplicate.pk).merged_into is None


def test_editor_cannot_merge(editor_client, pair):
    kept, duplicate = pair
    merge(editor_client, kept, duplicate)
    assert Claim.objects.get(pk=duplicate.pk).merged_into is None


def test_a_blank_add_form_asks_nothing_about_duplicates(editor_client):
    body = editor_client.get(reverse("admin:claims_claim_add")).content.decode()
    assert 'type="checkbox" name="not_a_duplicate"' not in body
    assert 'type="hidden" name="not_a_duplicate"' in body  # its row hidden by the admin
