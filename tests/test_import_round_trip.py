"""The round trip at scale: 10,000 synthetic claims imported with their articles,
exported, and the export imported into a database holding only the same articles recreates
the same claims, claimants, roles, dates, verdicts, latest outcomes, topics and quotes."""

from collections import defaultdict

import pytest
from django.utils import timezone

from bench.import_data import generate
from claims.intake import importing
from claims.models import Appearance, Claim, Claimant, ClaimStatus, Outcome, Topic

pytestmark = pytest.mark.django_db
N = 10_000


def snapshot() -> dict:
    """What the export carries of every claim, read in a few set-based queries."""
    topics, quotes, latest = defaultdict(list), {}, {}
    for claim_id, name in Claim.topics.through.objects.values_list("claim_id", "topic__name"):
        topics[claim_id].append(name)
    for claim_id, slug, quote in Appearance.objects.order_by("pk").values_list(
        "claim_id", "article__slug", "quote"
    ):
        quotes.setdefault(claim_id, (slug, quote))
    outcomes = Outcome.objects.order_by("claim_id", "-decided_on", "-pk")
    for claim_id, explanation in outcomes.values_list("claim_id", "explanation"):
        latest.setdefault(claim_id, explanation)
    fields = ["pk", "slug", "text", "claimant__slug", "claimant__name", "claimant__kind",
              "claimant_role", "kind", "made_on", "made_on_precision", "check_by", "verdict",
              "verdict_on"]  # fmt: skip
    return {
        row[1]: (*row[2:], sorted(topics[row[0]]), latest.get(row[0]), quotes.get(row[0]))
        for row in Claim.objects.values_list(*fields)
    }


def wipe_all_but_articles():
    """Plain DELETEs, child tables first: the ORM's cascade would fire per-row signals and
    history for 30,000 rows, which is setup here, not what is tested."""
    from django.db import connection

    from claims.models import EvidenceLink

    models = [EvidenceLink, Outcome.evidence_articles.through, Outcome, Appearance,
              Claim.topics.through, Claim, Claimant, Topic]  # fmt: skip
    with connection.cursor() as cursor:
        for model in models:
            table = connection.ops.quote_name(model._meta.db_table)  # our own table names
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608


@pytest.mark.slow
def test_ten_thousand_claims_round_trip_through_the_export(client):
    claims, articles = generate(N)
    first = importing.start("synthetic.csv", claims, articles=("articles.csv", articles))
    assert importing.preview_of(first).counts["new"] == N
    importing.confirm(first)
    # The export shows published claims; publication itself is not under test here.
    Claim.objects.update(status=ClaimStatus.PUBLISHED, published_at=timezone.now())
    before = snapshot()
    assert len(before) == N and sum(v[10] != "pending" for v in before.values()) > N / 2

    export = b"".join(client.get("/claims/export.csv").streaming_content)
    wipe_all_but_articles()  # another database: the same articles, nothing else

    second = importing.start("claims-export.csv", export)
    plan = importing.preview_of(second)
    assert plan.ok and plan.counts["new"] == N, plan.errors[:3]
    importing.confirm(second)
    after = snapshot()
    assert after == before
