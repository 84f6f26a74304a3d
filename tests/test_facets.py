"""Counts beside each filter value: what choosing it would give, counted with
the other filters and not its own, exact when few; and claims per year above the list."""

import datetime
import re

import pytest

from claims.models import ClaimKind, Verdict
from tests.factories import make_claim, make_claimant, make_outcome, make_topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims():
    summits, sanctions = make_topic("Summits"), make_topic("Sanctions")
    ada, bob = make_claimant("Ada <Example>"), make_claimant("Bob")
    # (claimant, kind, verdict, topics, year made), counted by hand below.
    rows = [
        (ada, ClaimKind.PREDICTION, Verdict.FALSE, [summits], 2017),
        (ada, ClaimKind.PREDICTION, Verdict.FALSE, [summits, sanctions], 2019),
        (bob, ClaimKind.PREDICTION, Verdict.TRUE, [sanctions], 2019),
        (bob, ClaimKind.PROMISE, Verdict.PENDING, [summits], 2019),
        (ada, ClaimKind.PROMISE, Verdict.TRUE, [], 2019),
    ]
    for i, (who, kind, verdict, topics, year) in enumerate(rows):
        claim = make_claim(f"Claim {i}.", claimant=who, kind=kind, topics=topics,
                           made_on=datetime.date(year, 5, 1))  # fmt: skip
        if verdict != Verdict.PENDING:
            make_outcome(claim, verdict=verdict)


def options(page: str, name: str) -> dict[str, str]:
    select = re.search(rf'<select name="{name}".*?</select>', page, re.S)[0]
    return dict(re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select))


def test_each_value_counts_what_choosing_it_would_give(client, claims):
    page = client.get("/claims/?kind=promise").content.decode()
    # Kinds are counted without the kind filter: choosing "Prediction" gives 3.
    assert options(page, "kind") == {
        "prediction": "Prediction (3)",
        "promise": "Promise (2)",
        "statement": "Statement of fact (0)",
        "assessment": "Assessment (0)",
    }
    # Topics and claimants within the promises.
    assert options(page, "topic") == {"sanctions": "Sanctions (0)", "summits": "Summits (1)"}
    claimants = dict(re.findall(r'name="claimant" value="([^"]+)"> ([^<]+)</label>', page))
    assert claimants == {"ada-example": "Ada &lt;Example&gt; (1)", "bob": "Bob (1)"}
    verdicts = dict(re.findall(r'name="verdict" value="(\w+)"[^>]*> ([^<]+)</label>', page))
    assert verdicts["pending"] == "Pending (1)" and verdicts["true"] == "True (1)"
    assert verdicts["false"] == "False (0)"


def test_verdict_counts_ignore_the_verdict_filter(client, claims):
    page = client.get("/claims/?verdict=true").content.decode()
    verdicts = dict(re.findall(r'name="verdict" value="(\w+)"[^>]*> ([^<]+)</label>', page))
    assert verdicts["false"] == "False (2)"  # choosing it too would add two
    assert options(page, "kind")["prediction"] == "Prediction (1)"


def test_claims_per_year_above_the_results(client, claims):
    page = client.get("/claims/").content.decode()
    hist = re.search(r'<svg class="chart histogram".*?</svg>', page, re.S)[0]
    assert re.findall(r"<title>(\d{4}): (\d+)</title>", hist) == [
        ("2017", "1"),
        ("2018", "0"),
        ("2019", "4"),
    ]
    assert page.index("chart histogram") < page.index('<ol class="claims">')
