"""Large result sets take the other path (estimated counts, index-ordered pages): the same
claims in the same order as the small path. The cap is lowered so a few claims suffice."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings

from claims.models import Verdict
from claims.pages import counting
from claims.pages.sorting import RELEVANCE, SORTS
from tests.factories import make_claim, make_outcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims():
    made = [datetime.date(2019, 1, d) for d in (5, 5, 3, 9, 1, 7)]
    out = []
    for i, day in enumerate(made):
        check_by = None if i % 3 == 0 else day + datetime.timedelta(days=10 * (i % 4))
        text = f"Claim {i} will come true." + " Really true." * (i % 3)  # ranks apart
        claim = make_claim(text, made_on=day, check_by=check_by)
        if i % 2:
            make_outcome(claim, Verdict.FALSE, datetime.date(2020, 1, 1 + i % 3))
        out.append(claim)
    return out


def pages(client, sort):
    """Every page of the list, in order, as pks."""
    shown, page = [], 1
    while True:
        # Best match ranks by search words; every claim has this one.
        words = {"q": "true"} if sort == RELEVANCE else {}
        response = client.get("/claims/", {"sort": sort, "page": page, **words})
        assert response.status_code == 200
        listing_ = response.context["listing"]
        shown += [c.pk for c in listing_.page.object_list]
        if not listing_.page.has_next():
            return shown, listing_
        page += 1


@pytest.mark.parametrize("sort", list(SORTS))
@override_settings(CLAIMS_PER_PAGE=4)
def test_both_paths_give_the_same_order(client, claims, settings, sort):
    small, small_listing = pages(client, sort)
    assert not small_listing.approximate
    settings.EXACT_COUNT_CAP = 2
    large, _ = pages(client, sort)
    if sort == RELEVANCE:  # too many to rank: newest first (tests/test_search.py)
        small, _ = pages(client, "newest")
    assert large == small
    assert sorted(large) == sorted(c.pk for c in claims)


def test_python_order_matches_sql_order(claims):
    from claims.models import Claim

    ranked = Claim.objects.search("true").ranked("true")
    for sort in SORTS.values():
        sql = list(ranked.order_by(*sort.ordering()).values_list("pk", flat=True))
        rows = ranked.values_list("pk", sort.field)
        assert sort.sorted_pks(list(rows)) == sql, sort.label


def test_multiple_verdict_filter_counts_each_verdict(client, claims):
    response = client.get("/claims/", {"verdict": ["false", "pending"]})
    counts = {value: n for value, _, n in response.context["listing"].verdict_counts}
    assert counts == {"false": 3, "pending": 3}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner estimates")
def test_estimates_built_once_equal_an_explain_per_verdict(claims):
    from claims.models import Claim

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE claims_claim")  # statistics that tell verdicts apart
    # A search and a date filter: parameters before and after the verdict's.
    matching = Claim.objects.published().search("true").filter(made_on__gte="2019-01-02")
    verdicts = Verdict.values
    each = {v: counting.planner_estimate(matching.filter(verdict=v)) for v in verdicts}
    assert counting._estimates_by_verdict(matching, verdicts) == each
    assert each["false"] > each["true"]  # three false claims, none true
