"""Track records: a claimant's, a topic's and the site's record, counted against
a hand-counted fixture, with the charts' bars checked segment by segment."""

import datetime
import re

import pytest
from django.core.cache import cache

from claims.models import ClaimKind, ClaimStatus, Verdict
from claims.pages.records import MIN_RESOLVED, Share, record_of, wilson
from tests.factories import make_claim, make_claimant, make_outcome, make_topic

pytestmark = pytest.mark.django_db

P, PR, S = ClaimKind.PREDICTION, ClaimKind.PROMISE, ClaimKind.STATEMENT
# Ada's published claims, counted by hand: (kind, verdict, year made).
ADA = (
    [(P, Verdict.TRUE, 2018)] * 3
    + [(P, Verdict.MOSTLY_TRUE, 2018), (P, Verdict.FALSE, 2019), (P, Verdict.MIXED, 2019)]
    + [(P, Verdict.PENDING, 2019), (P, Verdict.UNRESOLVABLE, 2019)]
    + [(PR, Verdict.TRUE, 2018)] * 2
    + [(PR, Verdict.FALSE, 2019), (PR, Verdict.MIXED, 2019)]
    + [(PR, Verdict.PENDING, 2019)] * 2
    + [(S, Verdict.FALSE, 2019)]
)
# Segment: (label, count, width in the 400-wide bar).
ADA_PREDICTIONS = [
    ("Came true", 3, 150.0),
    ("Mostly came true", 1, 50.0),
    ("Partly came true", 1, 50.0),
    ("Did not come true", 1, 50.0),
    ("Unresolvable", 1, 50.0),
    ("Not yet resolved", 1, 50.0),
]
ADA_PROMISES = [("Kept", 2, 133.3), ("Compromise", 1, 66.7), ("Broken", 1, 66.7),
                ("Not yet rated", 2, 133.3)]  # fmt: skip


def _claims(claimant, rows, topic=None):
    for i, (kind, verdict, year) in enumerate(rows):
        claim = make_claim(
            f"{claimant.name} claim {i}.",
            claimant=claimant,
            kind=kind,
            made_on=datetime.date(year, 3, 1),
            topics=[topic] if topic else [],
        )
        if verdict != Verdict.PENDING:
            make_outcome(claim, verdict=verdict, decided_on=datetime.date(2020, 1, 1))


@pytest.fixture
def ada(django_capture_on_commit_callbacks):
    cache.clear()
    # As if committed: the record's generation moves (claims.models.state).
    with django_capture_on_commit_callbacks(execute=True):
        ada = make_claimant("Ada Example")
        topic = make_topic("Summits")
        _claims(ada, ADA, topic)
        # Neither a draft nor another claimant's claim counts in Ada's record.
        draft = make_claim("A draft prediction.", claimant=ada, status=ClaimStatus.DRAFT)
        make_outcome(draft, verdict=Verdict.TRUE)
        _claims(make_claimant("Bob Few"), [(P, Verdict.TRUE, 2019), (P, Verdict.FALSE, 2019)])
    return ada


def bars(html: str, chart_id: str) -> list[tuple[str, int, float]]:
    svg = re.search(rf'<svg class="chart bar"[^>]*aria-labelledby="{chart_id}-t.*?</svg>', html)
    assert svg, f"no chart {chart_id}"
    found = re.findall(
        r"<title>([^<]+): (\d+) \(\d+%\)</title><rect [^>]*\swidth=\"([\d.]+)\"", svg[0]
    )
    return [(label, int(n), float(width)) for label, n, width in found]


def test_wilson_interval_matches_the_worked_example():
    # "7 of 9 resolved predictions came true or mostly came true (78%, likely between 45% and 94%)"
    low, high = wilson(7, 9)
    assert (round(100 * low), round(100 * high)) == (45, 94)
    assert wilson(0, 0) == (0.0, 1.0)
    assert Share(4, MIN_RESOLVED - 1).enough is False


def test_the_record_counts_published_claims_by_kind_verdict_and_year(ada):
    from claims.models import Claim

    record = record_of(Claim.objects.published().filter(claimant=ada))
    assert record.total == len(ADA) == 15
    assert record.came_true(P) == Share(4, 6)
    assert record.promise_groups() == [
        ("Kept or mostly kept", 2),
        ("Compromise", 1),
        ("Broken or mostly broken", 1),
        ("Not yet rated", 2),
    ]
    years = {year: sum(s.count for s in segments) for year, segments in record.years()}
    assert years == {2018: 6, 2019: 9}


def test_a_kept_record_arrives_with_its_sums(ada):
    from claims.models import Claim
    from claims.pages.records import Record

    record = record_of(Claim.objects.published().filter(claimant=ada))
    # What the cache hands back: the sums by kind and by year came with it, as the page
    # views that read a kept record would otherwise add them up again each time.
    cache.set("a-kept-record", record)
    kept = cache.get("a-kept-record")
    assert set(kept._by_kind) == {None, *ClaimKind.values} and None in kept._years
    fresh = Record(kept.cells)
    assert [kept.by_verdict(k) for k in kept._by_kind] == [
        fresh.by_verdict(k) for k in kept._by_kind
    ]
    assert kept.years() == fresh.years()


def test_claimant_scorecard_bars_and_sentence(client, ada):
    html = client.get(ada.get_absolute_url()).content.decode()
    assert bars(html, "claimant-prediction") == ADA_PREDICTIONS
    assert bars(html, "claimant-promise") == ADA_PROMISES
    assert bars(html, "claimant-statement") == [("False", 1, 400.0)]
    said = "4 of 6 resolved predictions came true or mostly came true"
    assert f"{said} (67%, likely between 30% and 90%)." in html
    # The same numbers in a table, for screen readers and print.
    assert "<caption>Verdicts on 8 predictions</caption>" in html
    assert '<th scope="row">2018</th><td>6</td>' in html
    assert '<th scope="row">2019</th><td>9</td>' in html


def test_the_overall_bar_the_years_chart_and_the_histogram(client, ada):
    html = client.get(ada.get_absolute_url()).content.decode()
    # All 15 claims, in the scale's words: each segment as wide as its share of 400.
    assert bars(html, "claimant-all") == [
        ("True", 5, 133.3),
        ("Mostly true", 1, 26.7),
        ("Mixed", 2, 53.3),
        ("False", 3, 80.0),
        ("Unresolvable", 1, 26.7),
        ("Pending", 3, 80.0),
    ]
    years = re.search(r'<svg class="chart years".*?</svg>', html, re.S)[0]
    columns = re.findall(
        r"<title>([^<]+): (\d+) \(\d+%\)</title><rect [^>]*\sheight=\"([\d.]+)\"", years
    )
    # 2018: 5 true, 1 mostly true; 2019: 2 mixed, 3 false, 1 unresolvable, 3 pending. The
    # tallest year (9 claims) fills the 160-high plot.
    assert [(label, int(n)) for label, n, _ in columns] == [
        ("True", 5), ("Mostly true", 1),
        ("Mixed", 2), ("False", 3), ("Unresolvable", 1), ("Pending", 3),
    ]  # fmt: skip
    assert [float(h) for _, _, h in columns] == [round(160 * n / 9, 1) for n in (5, 1, 2, 3, 1, 3)]
    hist = re.search(r'<svg class="chart histogram".*?</svg>', html, re.S)[0]
    assert re.findall(r"<title>(\d{4}): (\d+)</title>", hist) == [("2018", "6"), ("2019", "9")]


def test_few_resolved_claims_are_flagged_not_stated(client, ada):
    from claims.models import Claimant

    bob = Claimant.objects.get(name="Bob Few")
    html = client.get(bob.get_absolute_url()).content.decode()
    said = "1 of 2 resolved predictions came true or mostly came true"
    assert f"{said}: too few resolved predictions to say" in html
    assert "likely between" not in html


def test_each_chart_is_titled_described_and_has_unique_ids(client, ada):
    html = client.get(ada.get_absolute_url()).content.decode()
    charts = re.findall(r"<svg [^>]*aria-labelledby=\"([\w-]+)-t \1-d\"", html)
    assert len(charts) == 6  # all claims, three kinds, years; the histogram above the list
    ids = re.findall(r'id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    for chart in charts:
        assert f'<title id="{chart}-t">' in html and f'<desc id="{chart}-d">' in html


def test_topic_page_has_the_same_record(client, ada):
    html = client.get("/topics/summits/").content.decode()
    assert bars(html, "topic-prediction") == ADA_PREDICTIONS


def test_site_record_ranks_only_claimants_with_enough_resolved_claims(client, ada):
    html = client.get("/record/?rank=true").content.decode()
    assert bars(html, "site-prediction")[0] == ("Came true", 4, round(400 * 4 / 10, 1))
    table = html[html.index('<table class="numbers claimants">') :]
    assert "Ada Example" in table and "Bob Few" not in table
    # Ada: 15 claims, 11 resolved (6 predictions, 4 promises, 1 statement), 6 of them true.
    assert "<td>15</td><td>11</td><td>73%</td><td>6 of 11 (55%)</td>" in table
    assert "1 other has too few resolved claims to say and is not ranked" in html


def test_site_record_is_counted_once_until_something_changes(
    client, ada, django_assert_num_queries, django_capture_on_commit_callbacks
):
    client.get("/record/")
    with django_assert_num_queries(1):  # the record's generation; the rest from the cache
        client.get("/record/")
    # The generation moves when the writing transaction commits.
    with django_capture_on_commit_callbacks(execute=True) as moves:
        claim = make_claim("Ada predicts again.", claimant=ada, kind=P)
        make_outcome(claim, verdict=Verdict.TRUE)
    assert len(moves) == 1  # many changes in one transaction move it once
    html = client.get("/record/").content.decode()
    assert bars(html, "site-prediction")[0] == ("Came true", 5, round(400 * 5 / 11, 1))


REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/13",
    }
}


def test_site_record_is_shared_through_redis(client, ada, django_assert_num_queries):
    from django.test import override_settings

    from claims.models import RecordState

    with override_settings(CACHES=REDIS):
        cache.clear()
        client.get("/record/")
        # Counted once into Redis, where every worker finds it: one query, the generation.
        with django_assert_num_queries(1):
            html = client.get("/record/").content.decode()
        assert bars(html, "site-prediction")[0][:2] == ("Came true", 4)
        assert cache.get(f"claimtrack:site-record:{RecordState.current()}") is not None
        cache.clear()


def test_every_sentence_on_the_record_uses_the_words_of_its_table(client, ada):
    """No word names two numbers: a promise group or a sentence either repeats the table's
    row label or names its own ("Kept or mostly kept"), never "Kept" for kept + mostly kept."""
    import re

    html = client.get("/record/").content.decode()
    groups = re.search(r'<ul class="promise-groups".*?</ul>', html, re.S).group(0)
    labels = re.findall(r"<strong>([^<]+)</strong>", groups)
    assert labels == [
        "Kept or mostly kept",
        "Compromise",
        "Broken or mostly broken",
        "Not yet rated",
    ]
    assert "resolved predictions came true or mostly came true" in html
