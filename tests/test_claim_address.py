"""A published claim's address (its slug) is public: changing it needs a note and leaves a
dated correction on the claim's page, like any change to what it says; the old address
still redirects. A draft's address changes freely."""

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimStatus, Correction
from tests.admin_forms import form_data
from tests.factories import make_sourced_claim

pytestmark = pytest.mark.django_db


def test_renaming_a_published_claims_address_needs_a_note_and_is_recorded(editor_client, client):
    claim = make_sourced_claim("Talks resume soon.", slug="talks-resume-soon")
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = form_data(editor_client, url)
    data["slug"] = ["talks-to-resume"]
    refused = editor_client.post(url, data)
    assert refused.status_code == 200
    assert "write a correction note" in refused.content.decode()
    assert Claim.objects.get(pk=claim.pk).slug == "talks-resume-soon"

    data = form_data(editor_client, url)
    data["slug"] = ["talks-to-resume"]
    data["correction_note"] = ["A shorter address."]
    assert editor_client.post(url, data).status_code == 302
    correction = Correction.objects.get(claim=claim)
    assert "address was “talks-resume-soon”" in correction.changes
    assert client.get("/claims/talks-resume-soon/").status_code == 301
    assert "A shorter address." in client.get("/claims/talks-to-resume/").content.decode()


def test_a_drafts_address_changes_freely(editor_client):
    claim = make_sourced_claim("Talks resume soon.", status=ClaimStatus.DRAFT, slug="draft-one")
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    data = form_data(editor_client, url)
    data["slug"] = ["draft-two"]
    assert editor_client.post(url, data).status_code == 302
    assert not Correction.objects.exists()
