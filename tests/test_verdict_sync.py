"""The latest outcome sets a claim's current verdict, however outcomes change."""

import datetime

import pytest

from claims.models import Claim, Outcome, Verdict, claimreview_rating
from tests.factories import make_claim, make_outcome

pytestmark = pytest.mark.django_db


def fresh(claim):
    return Claim.objects.get(pk=claim.pk)


def test_new_claim_is_pending():
    claim = make_claim()
    assert fresh(claim).verdict == Verdict.PENDING
    assert fresh(claim).verdict_on is None


def test_latest_outcome_by_date_wins_not_latest_entered():
    claim = make_claim()
    make_outcome(claim, Verdict.FALSE, datetime.date(2019, 10, 5))
    make_outcome(claim, Verdict.PENDING, datetime.date(2019, 7, 20))  # entered later, older
    claim = fresh(claim)
    assert claim.verdict == Verdict.FALSE
    assert claim.verdict_on == datetime.date(2019, 10, 5)


def test_same_day_outcomes_last_entered_wins():
    claim = make_claim()
    make_outcome(claim, Verdict.MIXED, datetime.date(2020, 1, 1))
    make_outcome(claim, Verdict.MOSTLY_FALSE, datetime.date(2020, 1, 1))
    assert fresh(claim).verdict == Verdict.MOSTLY_FALSE


def test_editing_and_deleting_outcomes_resyncs():
    claim = make_claim()
    early = make_outcome(claim, Verdict.PENDING, datetime.date(2019, 7, 20))
    late = make_outcome(claim, Verdict.FALSE, datetime.date(2019, 10, 5))
    late.verdict = Verdict.MOSTLY_FALSE
    late.save()
    assert fresh(claim).verdict == Verdict.MOSTLY_FALSE
    late.delete()
    assert fresh(claim).verdict == Verdict.PENDING
    assert fresh(claim).verdict_on == early.decided_on
    Outcome.objects.filter(pk=early.pk).delete()  # a queryset delete, as the admin's bulk action
    assert fresh(claim).verdict == Verdict.PENDING
    assert fresh(claim).verdict_on is None


def test_stale_claim_instance_cannot_overwrite_verdict():
    claim = make_claim()
    stale = fresh(claim)
    make_outcome(claim, Verdict.TRUE, datetime.date(2020, 1, 1))
    stale.claimant_role = "Secretary of State"
    stale.save()
    assert fresh(claim).verdict == Verdict.TRUE


def test_deleting_a_claim_with_outcomes_works():
    claim = make_claim()
    make_outcome(claim)
    claim.delete()
    assert not Outcome.objects.exists()


@pytest.mark.parametrize(
    ("verdict", "rating"),
    [
        (Verdict.TRUE, (5, "True")),
        (Verdict.MOSTLY_TRUE, (4, "Mostly true")),
        (Verdict.MIXED, (3, "Mixed")),
        (Verdict.MOSTLY_FALSE, (2, "Mostly false")),
        (Verdict.FALSE, (1, "False")),
        (Verdict.PENDING, None),
        (Verdict.UNRESOLVABLE, None),
    ],
)
def test_claimreview_ratings(verdict, rating):
    assert claimreview_rating(verdict) == rating
