"""Derived values kept set-based: a claim's verdict and search text are
computed by one UPDATE however many claims change, so a rename costs the same for 5 claims
as for 5,000."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, ClaimStatus, Verdict
from tests.factories import make_appearance, make_claim, make_claimant, make_outcome

pytestmark = pytest.mark.django_db


def test_sync_verdicts_takes_the_latest_outcome_then_the_last_entered():
    judged, tied, pending = make_claim(), make_claim(), make_claim()
    make_outcome(judged, Verdict.FALSE, datetime.date(2019, 10, 5))
    make_outcome(judged, Verdict.TRUE, datetime.date(2020, 1, 1))
    make_outcome(tied, Verdict.FALSE, datetime.date(2020, 1, 1))
    make_outcome(tied, Verdict.MIXED, datetime.date(2020, 1, 1))
    Claim.objects.update(verdict=Verdict.UNRESOLVABLE, verdict_on=datetime.date(2000, 1, 1))
    with CaptureQueriesContext(connection) as queries:
        assert Claim.objects.sync_verdicts() == 3
    assert len(queries) == 1
    stored = dict(Claim.objects.values_list("pk", "verdict"))
    assert stored == {judged.pk: Verdict.TRUE, tied.pk: Verdict.MIXED, pending.pk: Verdict.PENDING}
    assert Claim.objects.get(pk=pending.pk).verdict_on is None


def test_refresh_search_stores_text_claimant_and_quotes():
    claim = make_claim("Talks will resume.", claimant=make_claimant("Mike Pompeo"))
    make_appearance(claim, quote="in a couple of weeks")
    Claim.objects.update(search_text="")
    Claim.objects.filter(pk=claim.pk).refresh_search()
    text = Claim.objects.get(pk=claim.pk).search_text
    assert text == "Talks will resume.\nMike Pompeo\nin a couple of weeks"
    assert list(Claim.objects.search("couple")) == [claim]


def _claims_of(claimant, n):
    Claim.objects.bulk_create(
        Claim(
            text=f"Claim {i} by them.",
            slug=f"{claimant.slug}-claim-{i}",
            claimant=claimant,
            made_on=datetime.date(2019, 1, 1),
            kind="statement",
            status=ClaimStatus.DRAFT,
        )
        for i in range(n)
    )
    claimant.claims.all().refresh_search()


def _rename_queries(name, n) -> int:
    claimant = make_claimant(name)
    _claims_of(claimant, n)
    claimant.name = f"{name} Renamed"
    with CaptureQueriesContext(connection) as queries:
        claimant.save()
    assert claimant.claims.filter(search_text__contains=f"{name} Renamed").count() == n
    return len(queries)


def test_renaming_a_claimant_costs_the_same_for_5000_claims_as_for_5():
    few = _rename_queries("Few Claims", 5)
    many = _rename_queries("Many Claims", 5000)
    # The existence check, the UPDATE of the claimant, its history row, one UPDATE of the
    # claims' search text (and vector on PostgreSQL), whether a published claim uses it (the
    # public cache is retired only then); savepoints on some backends.
    assert few == many
    assert many <= 7
    assert list(Claim.objects.search("Renamed"))  # found by the new name
