"""Names that only drafts use stay unpublished, in filters, pages and the
admin's review queue."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from claims.models import ClaimStatus
from tests.factories import make_claim, make_claimant, make_topic, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def secrets():
    topic = make_topic("Secret Summit Planning")
    claimant = make_claimant("Unannounced Envoy")
    make_claim(
        "A draft about a summit.", claimant=claimant, status=ClaimStatus.DRAFT, topics=[topic]
    )
    make_claim("A published claim.")
    return topic, claimant


def test_a_draft_only_topic_is_neither_offered_nor_shown(client, secrets):
    topic, _ = secrets
    assert "Secret Summit Planning" not in client.get("/claims/").content.decode()
    assert client.get(topic.get_absolute_url()).status_code == 404
    response = client.get(f"/claims/?topic={topic.slug}")
    assert response.status_code == 400
    assert "Secret Summit Planning" not in response.content.decode()


def test_a_draft_only_claimant_is_not_named_from_the_query_string(client, secrets):
    _, claimant = secrets
    for url in (
        f"/claims/?claimant={claimant.slug}",
        f"/claims/export.csv?claimant={claimant.slug}",
    ):
        response = client.get(url)
        assert response.status_code == 400
        assert "Unannounced Envoy" not in response.content.decode()
    # Exactly what an unknown slug gets: nothing tells the two apart.
    unknown = client.get("/claims/?claimant=no-such-person")
    assert unknown.status_code == 400


def test_once_published_the_names_are_public(client, secrets):
    topic, claimant = secrets
    make_claim("Now public.", claimant=claimant, topics=[topic])
    assert client.get(topic.get_absolute_url()).status_code == 200
    body = client.get(f"/claims/?claimant={claimant.slug}").content.decode()
    assert "Unannounced Envoy" in body


def overdue_draft():
    return make_claim(
        "An overdue draft.",
        status=ClaimStatus.DRAFT,
        made_on=datetime.date(2019, 1, 1),
        check_by=datetime.date(2019, 2, 1),
    )


def test_the_review_queue_is_for_those_who_may_see_claims():
    overdue_draft()
    staff = Client()
    staff.force_login(make_user("vera", is_staff=True))  # staff, no permission on claims
    assert staff.get(reverse("admin:claims_claim_review") + "?drafts=1").status_code == 403
    assert "review-queue-box" not in staff.get(reverse("admin:index")).content.decode()


def test_review_queue_drafts_only_for_those_who_may_edit(editor_client):
    overdue_draft()
    viewer = Client()
    user = make_user("val", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_claim"))
    viewer.force_login(user)
    url = reverse("admin:claims_claim_review") + "?drafts=1"
    assert "An overdue draft." not in viewer.get(url).content.decode()
    assert "An overdue draft." in editor_client.get(url).content.decode()
