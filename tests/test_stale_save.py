"""Two editors on one claim: the second save is refused, naming who; no input is lost."""

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Claim
from tests.admin_forms import form_data
from tests.factories import make_claim, make_editor, make_sourced_claim

pytestmark = pytest.mark.django_db


def test_second_save_is_refused_with_who_and_when_and_input_kept(editor_client):
    claim = make_sourced_claim("Talks will resume soon.")
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    other = Client()
    other.force_login(make_editor("otto"))

    mine = form_data(editor_client, url)  # Edna opens the claim
    theirs = form_data(other, url)  # Otto opens it too
    theirs["claimant_role"] = ["Secretary of State"]
    theirs["correction_note"] = ["Role added from the article."]
    assert other.post(url, theirs).status_code == 302  # Otto saves first

    mine["text"] = ["Talks will resume within two weeks."]
    mine["correction_note"] = ["Made the claim checkable."]
    response = editor_client.post(url, mine)
    body = response.content.decode()
    assert response.status_code == 200
    assert "otto changed this claim at" in body
    assert "Talks will resume within two weeks." in body  # Edna's input is still in the form
    stored = Claim.objects.get(pk=claim.pk)
    assert stored.text == "Talks will resume soon."
    assert stored.claimant_role == "Secretary of State"

    # The re-shown form carries the current version: a deliberate second save goes through.
    again = form_data_from(response)
    assert again["version"] == [str(stored.version)]
    mine["version"] = again["version"]
    assert editor_client.post(url, mine).status_code == 302
    assert Claim.objects.get(pk=claim.pk).text == "Talks will resume within two weeks."


def form_data_from(response):
    from tests.admin_forms import _FormFields

    parser = _FormFields()
    parser.feed(response.content.decode())
    return parser.fields


def test_every_save_bumps_the_version():
    claim = make_claim()
    first = claim.version
    claim.save()
    assert Claim.objects.get(pk=claim.pk).version == first + 1
