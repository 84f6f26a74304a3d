"""Claims due for review: check-by passed, still pending, most overdue first."""

import datetime

import pytest
from django.urls import reverse

from claims.models import Claim, ClaimStatus, Verdict
from tests.factories import make_claim, make_outcome

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def queue():
    made = D(2018, 1, 1)
    return {
        "older": make_claim("Due long ago.", made_on=made, check_by=D(2018, 3, 1)),
        "newer": make_claim("Due recently.", made_on=made, check_by=D(2019, 3, 1)),
        "future": make_claim("Due later.", made_on=made, check_by=D(2999, 1, 1)),
        "judged": _judged(make_claim("Judged.", made_on=made, check_by=D(2018, 2, 1))),
        "no_deadline": make_claim("No deadline.", made_on=made),
        "draft": make_claim(
            "Draft due.", made_on=made, check_by=D(2018, 2, 1), status=ClaimStatus.DRAFT
        ),
    }


def _judged(claim):
    make_outcome(claim, Verdict.TRUE)
    return claim


def test_queue_contents_and_order(queue):
    assert list(Claim.objects.due_for_review()) == [queue["older"], queue["newer"]]


def test_drafts_only_when_asked(queue):
    due = list(Claim.objects.due_for_review(include_drafts=True))
    assert due == [queue["draft"], queue["older"], queue["newer"]]


def test_admin_index_shows_the_count_and_the_queue_page_lists_them(editor_client, queue):
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert "2 published claims due for review" in index
    page = editor_client.get(reverse("admin:claims_claim_review"))
    rows = [claim for claim, _ in page.context["rows"]]
    assert rows == [queue["older"], queue["newer"]]
    with_drafts = editor_client.get(reverse("admin:claims_claim_review"), {"drafts": "1"})
    assert queue["draft"] in [claim for claim, _ in with_drafts.context["rows"]]


def test_queue_page_needs_login(client):
    response = client.get(reverse("admin:claims_claim_review"))
    assert response.status_code == 302
