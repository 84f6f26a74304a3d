"""Each public page runs a fixed number of queries, however many claims it shows."""

import pytest
from django.test import override_settings

from claims.models import Verdict
from tests.factories import (
    make_appearance,
    make_article,
    make_claim,
    make_claimant,
    make_outcome,
    make_topic,
)

pytestmark = pytest.mark.django_db


def fill(n):
    claimant = make_claimant("Prolific Speaker")
    article = make_article("Source")
    topics = [make_topic("Sanctions"), make_topic("Summits")]
    claims = []
    for i in range(n):
        claim = make_claim(f"Claim number {i} will come true.", claimant=claimant, topics=topics)
        make_appearance(claim, article, quote="in a couple of weeks")
        make_outcome(claim, Verdict.FALSE)
        claims.append(claim)
    return claims


@pytest.mark.parametrize("n", [5, 50])
@override_settings(CLAIMS_PER_PAGE=50)
def test_list_page(client, django_assert_num_queries, n):
    fill(n)
    # 1 the probe (pk, verdict, sort value of up to 1,001 matches: exact counts and the
    # page's order), 2 the page's claims with their claimants, 3 their topics, 4 claimants
    # for the filter form, 5 topics for the filter form; then what each kind, topic and
    # claimant would give, 6-8 (claims.pages.facets: one capped GROUP BY each; the verdicts'
    # counts are the probe's), 9 the counted claimants' slugs.
    with django_assert_num_queries(9):
        response = client.get("/claims/")
    assert len(response.context["listing"].page.object_list) == n


@pytest.mark.parametrize("n", [5, 50])
def test_claim_detail_page(client, django_assert_num_queries, n):
    claims = fill(n)
    claim = claims[0]
    for extra in range(n // 5):  # more outcomes and evidence on the page as n grows
        outcome = make_outcome(claim, Verdict.MIXED)
        outcome.evidence_articles.add(make_article(f"Evidence {extra}"))
        outcome.links.create(title=f"Link {extra}", url="https://example.org/x")
    # 1 the claim with claimant and affiliation, 2 topics, 3 corrections, 4 appearances with
    # articles, 5 outcomes, 6 their evidence articles, 7 their links, 8 other claims by the
    # claimant.
    with django_assert_num_queries(8):
        response = client.get(claim.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("n", [5, 50])
@override_settings(CLAIMS_PER_PAGE=50)
def test_claimant_page(client, django_assert_num_queries, n):
    from django.core.cache import cache

    fill(n)
    cache.clear()
    # 1 the claimant, 2 the record's generation, 3 the claimant's track record (one GROUP BY
    # of kind, verdict and year, then kept in the cache), 4 the probe, 5 the page's claims
    # with their claimants and latest explanations, 6 their topics, 7 topics for the filter
    # form, 8 what each topic would give (the kinds' counts are the record's).
    with django_assert_num_queries(8):
        response = client.get("/claimants/prolific-speaker/")
    assert len(response.context["listing"].page.object_list) == n
    with django_assert_num_queries(7):  # the record from the cache
        client.get("/claimants/prolific-speaker/")
    # Filtered by verdict: the record is the whole record all the same; the verdicts' and
    # the kinds' counts (with the other filters) are a query each.
    with django_assert_num_queries(9):
        client.get("/claimants/prolific-speaker/", {"verdict": "false"})


@pytest.mark.parametrize("n", [5, 50])
def test_article_page(client, django_assert_num_queries, n):
    fill(n)
    # 1 the article, 2 its published appearances with their claims and claimants.
    with django_assert_num_queries(2):
        response = client.get("/articles/source/")
    assert len(response.context["appearances"]) == n


@pytest.mark.parametrize("n", [5, 50])
@override_settings(CLAIMS_PER_PAGE=50)
def test_list_page_above_the_exact_count_cap(client, django_assert_num_queries, settings, n):
    """Past the cap the count stays constant too (the cap is lowered to reach it here)."""
    from django.db import connection

    settings.EXACT_COUNT_CAP = 2
    fill(n)
    # 1 the probe (finds more than the cap), then the counts: on PostgreSQL 7 planner
    # estimates (one per verdict), elsewhere 1 exact GROUP BY; then 1 the page's pks from
    # the sort index, 1 their claims with claimants, 1 their topics, and the filter form's
    # 1 claimants and 1 topics. No facet counts (claims.pages.facets): past the cap every value's
    # count would be past it too.
    postgresql = connection.vendor == "postgresql"
    counts = 7 if postgresql else 1
    with django_assert_num_queries(1 + counts + 5):
        response = client.get("/claims/")
    listing_ = response.context["listing"]
    assert len(listing_.page.object_list) == n
    # PostgreSQL's numbers are the planner's (on an unanalysed test table, rough).
    assert listing_.approximate if postgresql else listing_.total == n


@pytest.mark.parametrize("n", [5, 50])
@override_settings(CLAIMS_PER_PAGE=50)
def test_topic_page(client, django_assert_num_queries, n):
    from django.core.cache import cache

    fill(n)
    cache.clear()
    # 1 the topic, 2 the record's generation, 3 the topic's record (one GROUP BY, then kept
    # in the cache), 4 the probe, 5 the page's claims with their claimants and latest
    # explanations, 6 their topics, 7 claimants for the filter form, 8 what each claimant
    # would give, 9 the counted claimants' slugs (the kinds' counts are the record's).
    with django_assert_num_queries(9):
        response = client.get("/topics/sanctions/")
    assert len(response.context["listing"].page.object_list) == n
    with django_assert_num_queries(8):  # the record from the cache
        client.get("/topics/sanctions/")


@pytest.mark.parametrize("n", [5, 50])
def test_site_record_page(client, django_assert_num_queries, n):
    from django.core.cache import cache

    fill(n)
    cache.clear()
    # 1 the record's generation, 2 the record (one GROUP BY of kind, verdict and year over
    # the published claims), 3 the claimants table (one GROUP BY of claimant id), 4 the
    # claimants' names.
    with django_assert_num_queries(4):
        response = client.get("/record/")
    assert response.context["card"]["total"] == n
    with django_assert_num_queries(1):  # then from the cache, until something changes
        client.get("/record/")
