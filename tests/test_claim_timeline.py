"""A claim's history shows everything that hangs off it: a quote, an outcome, an evidence
link or a correction added, changed or removed, with who, when and what changed."""

import datetime

import pytest

from claims.models import Correction, EvidenceLink, Verdict
from tests.factories import make_appearance, make_article, make_outcome, make_sourced_claim

pytestmark = pytest.mark.django_db


def _as(user, row):
    row._history_user = user
    return row


def test_the_claims_history_lists_what_hangs_off_it(
    editor_client, editor, django_assert_num_queries
):
    claim = make_sourced_claim("Talks will resume.")
    article = make_article("Second report")
    appearance = make_appearance(claim, article, quote="in a couple of weeks")
    outcome = make_outcome(claim, Verdict.FALSE, datetime.date(2019, 10, 5))
    outcome.explanation = "Talks took place only on 5 October 2019."
    _as(editor, outcome).save()
    link = EvidenceLink.objects.create(
        outcome=outcome, title="Statement", url="https://example.org/s"
    )
    Correction.objects.create(claim=claim, note="The role was wrong.")
    _as(editor, appearance).delete()

    url = f"/admin/claims/claim/{claim.pk}/history/"
    editor_client.get(url)  # content types cached, as on any running site
    # The session and the user; the timeline's four history reads (quotes, outcomes, links,
    # corrections, each with who made it); the claim; the user's permissions (2); the claim's
    # own versions (count and page); the session's save (3).
    with django_assert_num_queries(14):
        page = editor_client.get(url)
    assert page.status_code == 200
    timeline = page.context["timeline"]
    parts = [(entry.act, entry.part.split(" ")[0]) for entry in timeline]
    assert ("Removed", "Quote") in parts and ("Added", "Quote") in parts
    assert ("Added", "Evidence") in parts and ("Added", "Correction:") in parts
    changed = next(e for e in timeline if e.act == "Changed" and e.part.startswith("Outcome"))
    assert changed.who == editor
    assert [name for name, _, _ in changed.changes] == ["Explanation"]
    assert changed.changes[0][2] == "Talks took place only on 5 October 2019."
    body = page.content.decode()
    assert "Quotes, outcomes, evidence and corrections" in body
    assert f"Evidence link “{link.title}”" in body
