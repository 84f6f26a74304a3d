"""ClaimReview in and out: our own `/claimreview.json` imports into an empty database with
every field the format carries unchanged, and real ClaimReview from others (Google's and
schema.org's examples, a Fact Check Tools markup page: tests/fixtures/claimreview/) previews
as its README says: read where it can be, refused with a reason where it cannot, never
guessed."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from claims.intake import importing
from claims.models import Claim, ClaimantKind, ClaimKind, Verdict
from claims.outputs.serialise import partial_date

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures" / "claimreview"


def carried(claim: Claim) -> dict:
    """What a ClaimReview can carry of a claim. Not carried: an assessment's kind (it reads
    as a statement), the 'unnamed' claimant kind (a Person), the day of a date known to the
    month."""
    unnamed = claim.claimant.kind == ClaimantKind.UNNAMED
    return {
        "claimant": claim.claimant.name,
        "claimant_kind": ClaimantKind.PERSON if unnamed else claim.claimant.kind,
        "role": claim.claimant_role,
        "kind": ClaimKind.STATEMENT if claim.kind == ClaimKind.ASSESSMENT else claim.kind,
        "made": partial_date(claim.made_on, claim.made_on_precision),
        "verdict": claim.verdict,
        "verdict_on": claim.verdict_on,
        "explanation": claim.outcomes.last().explanation,
    }


def test_our_own_datafeed_comes_back_unchanged(client):
    with transaction.atomic():  # the seeds, published; rolled back to an empty database
        call_command("load_seeds", verbosity=0)
        feed = b"".join(client.get("/claimreview.json").streaming_content)
        before = {c.text: carried(c) for c in Claim.objects.filter(text__in=_claims_in(feed))}
        transaction.set_rollback(True)
    assert not Claim.objects.exists() and len(before) > 20

    record = importing.start("claimreview.json", feed)
    plan = importing.preview_of(record)
    assert plan.ok, [(row.number, row.errors) for row in plan.errors]
    assert any("not in ClaimReview, so not imported" in note for note in plan.rows[0].notes)
    importing.confirm(record)
    after = {c.text: carried(c) for c in Claim.objects.all()}
    assert after == before


def _claims_in(feed: bytes) -> list[str]:
    data = json.loads(feed)
    return [review["claimReviewed"] for e in data["dataFeedElement"] for review in e["item"]]


def test_reduced_precision_dates_are_a_month_and_a_year():
    review = json.loads((FIXTURES / "google-factcheck-example.json").read_text())
    review["datePublished"] = "2024-07-01"
    rows = []
    for made in ["2019-10", "2019"]:
        review["itemReviewed"]["datePublished"] = made
        plan = importing.preview_of(importing.start("one.json", json.dumps(review).encode()))
        assert plan.ok, plan.errors[0].errors if plan.errors else None
        rows.append((str(plan.rows[0].values["made_on"]), plan.rows[0].values["made_on_precision"]))
    assert rows == [("2019-10-01", "month"), ("2019-01-01", "year")]


def test_googles_example_without_a_review_date_comes_in_without_a_guessed_verdict_date():
    data = (FIXTURES / "google-factcheck-example.json").read_bytes()
    plan = importing.preview_of(importing.start("google.json", data))
    assert plan.ok
    row = plan.rows[0]
    assert row.outcome is None  # no date to give it: left to the editor, and said so
    assert any("the review gives no date" in note and "False" in note for note in row.notes)
    assert (row.text, row.claimant["kind"]) == ("The world is flat", ClaimantKind.ORGANIZATION)
    assert (str(row.values["made_on"]), row.values["kind"]) == ("2024-06-20", "statement")


def test_schemaorgs_example_whose_number_and_name_disagree_is_an_error_saying_so():
    data = (FIXTURES / "schemaorg-politifact-example.json").read_bytes()
    plan = importing.preview_of(importing.start("politifact.json", data))
    assert not plan.ok
    (error,) = plan.rows[0].errors
    assert "rating 1 on 1–6 means False" in error and "“True” means True" in error
    assert "disagree" in error
    assert not Claim.objects.exists()


def test_a_markup_page_without_a_claimant_type_creates_a_person_and_says_so():
    data = (FIXTURES / "fact-check-tools-markup-page.json").read_bytes()
    record = importing.start("page.json", data)
    plan = importing.preview_of(record)
    assert plan.ok, [row.errors for row in plan.errors]
    assert any("no @type given, taken as a person" in note for note in plan.rows[0].notes)
    importing.confirm(record)
    claim = Claim.objects.get()
    assert (claim.claimant.name, claim.claimant.kind) == ("A. Spokesperson", "person")
    assert (claim.claimant_role, claim.verdict) == ("Spokesperson", Verdict.TRUE)
    assert str(claim.verdict_on) == "2019-10-07"


def test_a_promise_comes_back_a_promise_from_its_ratings_words():
    review = json.loads((FIXTURES / "google-factcheck-example.json").read_text())
    review["datePublished"] = "2024-07-01"
    review["reviewRating"] = {"ratingValue": 1, "bestRating": 5, "alternateName": "Broken"}
    plan = importing.preview_of(importing.start("kept.json", json.dumps(review).encode()))
    assert plan.ok and plan.rows[0].values["kind"] == ClaimKind.PROMISE
    assert plan.rows[0].outcome["verdict"] == Verdict.FALSE
