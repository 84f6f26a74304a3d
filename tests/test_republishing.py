"""A chief editor about to publish again a claim that was public before sees what changed
since its last publication, field by field, and what was added to its record since."""

import pytest

from claims import workflow
from claims.models import Claim
from tests.factories import make_appearance, make_article, make_sourced_claim

pytestmark = pytest.mark.django_db


def _panel(client, claim) -> str:
    page = client.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()
    start = page.index("Changed since it was last published")
    return page[start : page.index("</ul>", start)]


def test_what_changed_since_the_last_publication(chief_client, chief_editor):
    claim = make_sourced_claim("Talks will resume in July.", claimant_role="Envoy")
    workflow.publish(Claim.objects.get(pk=claim.pk), chief_editor)  # public once more
    workflow.unpublish(Claim.objects.get(pk=claim.pk), chief_editor, reason="Checking")
    draft = Claim.objects.get(pk=claim.pk)
    draft.text = "Talks will resume in August."
    draft.save()
    make_appearance(draft, make_article("A second report"))
    panel = _panel(chief_client, draft)
    assert "Claim: “Talks will resume in July.” → “Talks will resume in August.”" in panel
    assert "Added: Quote “in a couple of weeks”" in panel
    assert "Role at the time" not in panel  # unchanged


def test_no_panel_for_a_claim_never_published(chief_client):
    draft = make_sourced_claim("Never public.", status="draft")
    page = chief_client.get(f"/admin/claims/claim/{draft.pk}/change/").content.decode()
    assert "Changed since it was last published" not in page
