"""A published claim rewritten: what it says may change, but never
silently: each change is a dated update on its public page; and its address never breaks."""

import datetime

import pytest
from django.urls import reverse

from claims.models import Claim, Correction
from tests.admin_forms import form_data
from tests.factories import make_claimant, make_sourced_claim, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    return make_sourced_claim("Talks will resume within two weeks.", claimant_role="Envoy")


def url_of(claim):
    return reverse("admin:claims_claim_change", args=[claim.pk])


@pytest.mark.parametrize(
    "field, value, recorded",
    [
        ("text", "Talks will resume within a month.", "claim was “Talks will resume within"),
        ("claimant_role", "Special Representative", "role at the time was “Envoy”"),
        ("made_on", "2019-06-30", "date made was 2019-07-01"),
        ("made_on_precision", "month", "date precision was Day"),
        ("kind", "promise", "kind was Prediction"),
        ("check_by", "2019-08-01", "check by was blank"),
    ],
)
def test_an_editor_s_change_is_refused_without_a_note(
    editor_client, client, published, field, value, recorded
):
    data = form_data(editor_client, url_of(published))
    data[field] = [value]
    response = editor_client.post(url_of(published), data)
    assert "write a correction note" in response.content.decode()
    assert Claim.objects.get(pk=published.pk).text == "Talks will resume within two weeks."

    data["correction_note"] = ["Matched the claim to the quote."]
    assert editor_client.post(url_of(published), data).status_code == 302
    correction = Correction.objects.get(claim=published)
    assert recorded in correction.changes
    body = client.get(published.get_absolute_url()).content.decode()
    assert "Corrections and updates" in body
    assert "Matched the claim to the quote." in body
    assert datetime.date.today().strftime("%-d %B %Y") in body


def test_claimant_and_topics_are_part_of_what_the_claim_says(editor_client, published):
    other = make_claimant("Mike Pompeo")
    topic = make_topic("Sanctions")
    data = form_data(editor_client, url_of(published))
    data["claimant"] = [str(other.pk)]
    data["topics"] = [str(topic.pk)]
    data["correction_note"] = ["The article attributes it to the Secretary of State."]
    assert editor_client.post(url_of(published), data).status_code == 302
    changes = Correction.objects.get(claim=published).changes
    assert f"claimant was {published.claimant.name}" in changes
    assert "topics was blank" in changes


def test_drafts_change_without_a_note_or_a_public_record(editor_client):
    draft = make_sourced_claim("A draft.", status="draft")
    data = form_data(editor_client, url_of(draft))
    data["text"] = ["A better draft."]
    assert editor_client.post(url_of(draft), data).status_code == 302
    assert not Correction.objects.exists()


def test_a_published_claim_keeps_its_old_address(editor_client, client, published):
    old_url = published.get_absolute_url()
    data = form_data(editor_client, url_of(published))
    data["slug"] = ["talks-resume-in-two-weeks"]
    data["correction_note"] = ["A shorter address."]  # a public change, like any other
    assert editor_client.post(url_of(published), data).status_code == 302
    published.refresh_from_db()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == published.get_absolute_url()
    assert client.get(published.get_absolute_url()).status_code == 200

    # The old address is not given to another claim, so it keeps leading here.
    newcomer = make_sourced_claim("Another claim.", status="draft")
    data = form_data(editor_client, url_of(newcomer))
    data["slug"] = [old_url.strip("/").split("/")[-1]]
    response = editor_client.post(url_of(newcomer), data)
    assert "still leads there" in response.content.decode()

    # Changing back takes the old address up again, and the newer one now redirects.
    data = form_data(editor_client, url_of(published))
    data["slug"] = [old_url.strip("/").split("/")[-1]]
    data["correction_note"] = ["The first address again."]
    assert editor_client.post(url_of(published), data).status_code == 302
    assert client.get(old_url).status_code == 200
    assert client.get("/claims/talks-resume-in-two-weeks/").status_code == 301
