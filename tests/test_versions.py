"""No lost updates beside the claim form: every page an editor saves
checks its version, and a change to anything hanging off a claim moves the claim's."""

import pytest
from django.test import Client
from django.urls import reverse

from claims.models import Claim, ClaimStatus, Outcome, Verdict
from tests.admin_forms import form_data
from tests.factories import (
    make_appearance,
    make_article,
    make_claim,
    make_claimant,
    make_editor,
    make_outcome,
    make_topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def otto():
    client = Client()
    client.force_login(make_editor("otto"))
    return client


@pytest.fixture
def draft():
    """Drafts change freely: these tests are about versions, not publication rules."""
    claim = make_claim("Talks will resume soon.", status=ClaimStatus.DRAFT)
    make_outcome(claim, Verdict.FALSE)
    return claim


def edits(draft):
    outcome = draft.outcomes.get()
    return {
        "outcome": (outcome, "explanation", "Otto's reading.", "Edna's reading."),
        "appearance": (make_appearance(draft), "attribution_note", "Otto", "Edna"),
        "evidencelink": (
            outcome.links.create(title="Source", url="https://example.org/a"),
            "title",
            "Otto's title",
            "Edna's title",
        ),
        "claimant": (make_claimant("Kim Yong Chol"), "description", "Otto", "Edna"),
        "article": (make_article("Talks report"), "byline", "Otto", "Edna"),
        "topic": (make_topic("Summits"), "name", "Summitry", "Summit diplomacy"),
    }


@pytest.mark.parametrize(
    "model", ["outcome", "appearance", "evidencelink", "claimant", "article", "topic"]
)
def test_second_save_on_any_own_page_is_refused(editor_client, otto, draft, model):
    obj, field, theirs_value, mine_value = edits(draft)[model]
    url = reverse(f"admin:claims_{model}_change", args=[obj.pk])
    mine = form_data(editor_client, url)  # Edna opens it
    theirs = form_data(otto, url)  # Otto opens it too
    theirs[field] = [theirs_value]
    assert otto.post(url, theirs).status_code == 302
    mine[field] = [mine_value]
    response = editor_client.post(url, mine)
    body = response.content.decode()
    assert response.status_code == 200
    assert f"otto changed this {obj._meta.verbose_name} at" in body
    assert mine_value.replace("'", "&#x27;") in body  # Edna's input is kept
    assert getattr(type(obj).objects.get(pk=obj.pk), field) == theirs_value


def test_a_stale_claim_page_cannot_revert_an_outcome_changed_elsewhere(editor_client, otto, draft):
    claim_url = reverse("admin:claims_claim_change", args=[draft.pk])
    mine = form_data(editor_client, claim_url)  # Edna opens the claim, outcome: False
    outcome = draft.outcomes.get()
    outcome_url = reverse("admin:claims_outcome_change", args=[outcome.pk])
    theirs = form_data(otto, outcome_url)
    theirs["verdict"] = ["true"]
    assert otto.post(outcome_url, theirs).status_code == 302
    mine["claimant_role"] = ["Secretary of State"]  # Edna touches only the role
    response = editor_client.post(claim_url, mine)
    assert response.status_code == 200
    assert "otto changed this claim at" in response.content.decode()
    assert Outcome.objects.get(pk=outcome.pk).verdict == Verdict.TRUE
    assert Claim.objects.get(pk=draft.pk).verdict == Verdict.TRUE


@pytest.mark.parametrize("what", ["outcome", "appearance", "link", "topics"])
def test_changes_hanging_off_a_claim_move_its_version(draft, what):
    before = Claim.objects.get(pk=draft.pk).version
    outcome = draft.outcomes.get()
    if what == "outcome":
        outcome.explanation = "Changed."
        outcome.save()
    elif what == "appearance":
        make_appearance(draft)
    elif what == "link":
        outcome.links.create(title="Source", url="https://example.org/a")
    else:
        draft.topics.add(make_topic())
    assert Claim.objects.get(pk=draft.pk).version > before


def test_a_version_never_goes_back_when_a_stale_instance_is_saved(draft):
    stale = Claim.objects.get(pk=draft.pk)  # read before something hanging off it changes
    outcome = draft.outcomes.get()
    outcome.explanation = "Changed elsewhere."
    outcome.save()  # moves the claim's version
    moved = Claim.objects.get(pk=draft.pk).version
    stale.save()
    assert Claim.objects.get(pk=draft.pk).version > moved
