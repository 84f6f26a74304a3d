"""Each kind judged in its own words: a promise is kept or broken, a prediction
came true or did not, a statement is true or false; the words follow the one stored scale
everywhere a verdict is shown, and every badge links to the page that explains it."""

import csv
import io
import json
import re

import pytest

from claims.intake.importing.claimreview import verdict_for
from claims.models import KIND_WORDS, ClaimKind, Verdict, verdict_label
from tests.factories import make_claim, make_outcome, make_sourced_claim

pytestmark = pytest.mark.django_db
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def test_every_verdict_has_words_for_promises_and_predictions():
    for kind in (ClaimKind.PROMISE, ClaimKind.PREDICTION):
        assert set(KIND_WORDS[kind]) == set(Verdict.values)
        # No two verdicts read alike within a kind.
        assert len(set(KIND_WORDS[kind].values())) == len(Verdict.values)
    assert verdict_label(Verdict.TRUE, ClaimKind.PROMISE) == "Kept"
    assert verdict_label(Verdict.FALSE, ClaimKind.PREDICTION) == "Did not come true"
    assert verdict_label(Verdict.MOSTLY_TRUE, ClaimKind.STATEMENT) == "Mostly true"


@pytest.fixture
def kept(client):
    promise = make_sourced_claim("Talks will resume.", kind=ClaimKind.PROMISE)
    make_outcome(promise, verdict=Verdict.TRUE, explanation="Talks resumed on time.")
    return promise


def test_the_page_badges_and_claimreview_use_the_kind_s_words(client, kept):
    page = client.get(kept.get_absolute_url()).content.decode()
    assert '<span aria-hidden="true">✔</span> Kept</span></a>' in page
    assert 'href="/verdicts/#verdict-true"' in page
    review = json.loads(JSONLD.search(page).group(1))
    assert review["reviewRating"]["alternateName"] == "Kept"
    assert review["reviewRating"]["ratingValue"] == 5  # the scale's number is unchanged
    # Our own ClaimReview reads back as the same verdict.
    assert verdict_for({"alternateName": "Kept"})[0] == Verdict.TRUE


def test_the_csv_api_and_feed_use_them_too(client, kept):
    statement = make_claim("Talks resumed.", kind=ClaimKind.STATEMENT)
    make_outcome(statement, verdict=Verdict.TRUE)
    rows = csv.DictReader(io.StringIO(client.get("/claims/export.csv").getvalue().decode()))
    labels = {row["claim"]: row["verdict_label"] for row in rows}
    assert labels == {"Talks will resume.": "Kept", "Talks resumed.": "True"}
    api = client.get(f"/api/claims/{kept.pk}/").json()
    assert (api["verdict_label"], api["outcomes"][0]["verdict_label"]) == ("Kept", "Kept")
    assert "Talks will resume. (Kept)" in client.get("/feeds/claims.atom").content.decode()


def test_the_list_row_shows_the_verdict_first_and_what_came_of_it(client, kept):
    make_claim("Sanctions will be lifted.", check_by="2030-01-01")
    page = client.get("/claims/").content.decode()
    row = page[page.index("Talks will resume.") - 400 : page.index("Talks will resume.") + 400]
    assert row.index("Kept") < row.index("Talks will resume.")
    assert "Talks resumed on time." in row
    assert 'Pending — check by <time datetime="2030-01-01">1 January 2030</time>.' in page


def test_the_scale_page_explains_every_badge(client):
    page = client.get("/verdicts/").content.decode()
    for verdict in Verdict.values:
        assert f'id="verdict-{verdict}"' in page
    assert "Kept" in page and "Came true" in page and 'id="rating"' in page
    # Every badge on a claim page leads here.
    claim = make_sourced_claim("Talks will resume.")
    claim_page = client.get(claim.get_absolute_url()).content.decode()
    badges = re.findall(r'<a class="badge-link" href="([^"]+)">', claim_page)
    assert badges and all(href.startswith("/verdicts/#verdict-") for href in badges)
