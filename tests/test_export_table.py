"""The unfiltered export's kept rows (claims/outputs/export_table.py, PostgreSQL): whatever way a
change is written (a form's save, a queryset, a bulk insert, plain SQL), the next export
shows it, cell for cell as the live per-claim export does."""

import csv
import datetime
import io

import pytest
from django.db import connection

from claims.models import Appearance, Article, Claim, Claimant, ClaimStatus, Outcome, Verdict
from claims.outputs import export_table
from claims.outputs.export import csv_stream
from claims.outputs.export_table import whole_record_stream
from tests.factories import (
    make_appearance,
    make_article,
    make_claim,
    make_claimant,
    make_outcome,
    make_topic,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's export table"),
]
PREFIX = "https://claims.example.org/claims/"


def _text(chunks) -> str:
    return b"".join(c if isinstance(c, bytes) else c.encode() for c in chunks).decode()


def exported() -> dict:
    """The unfiltered export from the kept rows, held to the live per-claim export; its rows
    by claim id."""
    kept = _text(whole_record_stream(PREFIX))
    assert kept == _text(csv_stream(export_table.public_claims(), PREFIX))
    return {int(r["id"]): r for r in csv.DictReader(io.StringIO(kept[1:], newline=""))}


def marked() -> set:
    with connection.cursor() as cursor:
        cursor.execute("SELECT claim_id FROM claims_exportstale")
        return {claim_id for (claim_id,) in cursor.fetchall()}


@pytest.fixture
def record():
    """Two claimants' claims with quotes, an outcome and topics, exported once (so the rows
    are kept and nothing is marked)."""
    kim, moon = make_claimant("Kim Yo-jong"), make_claimant("Moon Jae-in")
    talks = make_topic("Talks")
    article = make_article("Envoys meet", published_on=datetime.date(2019, 6, 1))
    first = make_claim("The talks will resume within two weeks.", claimant=kim, topics=[talks])
    second = make_claim("Sanctions will be lifted this year.", claimant=moon)
    make_appearance(first, article, quote="in a couple of weeks")
    make_appearance(second, article, quote="We are ready when they are.")
    make_outcome(first, Verdict.FALSE, explanation="No meeting took place.")
    exported()
    assert marked() == set()
    return {"first": first, "second": second, "kim": kim, "talks": talks, "article": article}


def test_a_queryset_update_of_a_claim_is_exported(record):
    first = record["first"]
    Claim.objects.filter(pk=first.pk).update(text="The talks will resume by August.")
    assert marked() == {first.pk}
    assert exported()[first.pk]["claim"] == "The talks will resume by August."
    assert marked() == set()


def test_an_article_retitled_in_plain_sql_is_exported_for_each_claim_quoting_it(record):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE claims_article SET title = %s WHERE id = %s",
            ["=Envoys met", record["article"].pk],
        )
    assert marked() == {record["first"].pk, record["second"].pk}
    rows = exported()
    assert rows[record["second"].pk]["first_article_title"] == "'=Envoys met"  # formula-safe


def test_a_renamed_claimant_is_exported_and_a_claimant_saved_unchanged_marks_nothing(record):
    kim = Claimant.objects.get(pk=record["kim"].pk)
    kim.save()  # its version moves; nothing the export shows
    assert marked() == set()
    Claimant.objects.filter(pk=kim.pk).update(name="Kim Yo Jong")
    assert marked() == {record["first"].pk}
    assert exported()[record["first"].pk]["claimant"] == "Kim Yo Jong"


def test_a_renamed_topic_and_a_removed_link_are_exported(record):
    first, talks = record["first"], record["talks"]
    talks.name = "Nuclear talks"
    talks.save()
    assert exported()[first.pk]["topics"] == "Nuclear talks"
    first.topics.remove(talks)
    assert marked() == {first.pk}
    assert exported()[first.pk]["topics"] == ""


def test_outcomes_written_in_bulk_and_a_deleted_quote_are_exported(record):
    first, second = record["first"], record["second"]
    Outcome.objects.bulk_create(
        [Outcome(claim=second, verdict=Verdict.TRUE, decided_on=datetime.date(2020, 1, 2),
                 explanation="Lifted in part.")]
    )  # fmt: skip
    Appearance.objects.filter(claim=first).delete()
    assert marked() >= {first.pk, second.pk}
    rows = exported()
    assert rows[second.pk]["outcome_explanation"] == "Lifted in part."
    assert rows[first.pk]["quote"] == ""


def test_a_claim_taken_off_the_record_or_deleted_leaves_the_export(record):
    first, second = record["first"], record["second"]
    Claim.objects.filter(pk=first.pk).update(status=ClaimStatus.DRAFT)
    second.delete()
    assert set(exported()) == set()
    Claim.objects.filter(pk=first.pk).update(status=ClaimStatus.PUBLISHED)
    assert set(exported()) == {first.pk}


def test_a_truncated_table_rebuilds_every_row(record):
    # TRUNCATE fires no row or statement trigger of its own kind: it marks everything.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the fixture's pending checks
        cursor.execute("TRUNCATE claims_claim_topics")
    assert None in marked()
    assert exported()[record["first"].pk]["topics"] == ""


def test_many_marks_rebuild_every_row(record, monkeypatch):
    monkeypatch.setattr(export_table, "REBUILD_AFTER", 0)
    Article.objects.filter(pk=record["article"].pk).update(publication="Daily Record")
    rows = exported()
    assert {r["first_article_outlet"] for r in rows.values()} == {"Daily Record"}


def test_after_a_bulk_load_the_export_is_live_while_the_worker_rebuilds(record, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    Article.objects.filter(pk=record["article"].pk).update(publication="Daily Record")
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO claims_exportstale (claim_id) VALUES (NULL)")  # a bulk load
    live = _text(whole_record_stream(PREFIX))
    assert None in marked()  # not rebuilt in the request: queued for the worker
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.filter(task_path__endswith="export_table.rebuild").count() == 1
    assert live == _text(csv_stream(export_table.public_claims(), PREFIX))  # cell for cell
    assert "Daily Record" in live
    export_table.rebuild.call()  # what the worker runs
    assert marked() == set()
    assert _text(whole_record_stream(PREFIX)) == live


def test_after_a_bulk_load_a_filtered_export_is_live_too(client, record, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO claims_exportstale (claim_id) VALUES (NULL)")
    response = client.get("/claims/export.csv?topic=talks")
    rows = list(csv.DictReader(io.StringIO(_text(response.streaming_content)[1:], newline="")))
    assert [r["claim"] for r in rows] == ["The talks will resume within two weeks."]
    assert rows[0]["detail_url"].startswith("http://testserver/claims/")
    assert None in marked()


@pytest.fixture
def many(record):
    """Enough claims that every sort orders them differently: dates, check-by dates, verdicts
    and quotes spread; ties broken by id."""
    kim, talks = record["kim"], record["talks"]
    others = make_claimant("Kim Jong-un")
    for i in range(12):
        claim = make_claim(
            f"Claim {i} on the talks will come true." + " Talks." * (i % 3),
            claimant=kim if i % 2 else others,
            topics=[talks] if i % 3 else [],
            made_on=datetime.date(2019, 1 + i % 4, 1 + i),
            check_by=datetime.date(2020, 1, 1 + i % 5) if i % 4 else None,
        )
        for n in range(i % 3):
            day = datetime.date(2019, 5, 1 + (i + n) % 7)
            make_appearance(claim, make_article(f"Report {i}.{n}", published_on=day))
        if i % 2:
            make_outcome(claim, Verdict.TRUE, datetime.date(2020, 2, 1 + i), explanation="Done.")
    make_claim("A draft on the talks.", status=ClaimStatus.DRAFT, topics=[talks])
    return record


@pytest.mark.parametrize(
    "query",
    [
        "topic=talks",
        "claimant=kim-yo-jong",
        "claimant=kim-yo-jong&sort=check_by",
        "q=talks",  # best match first
        "q=talks&sort=oldest",
        "sort=repeated",
        "sort=resolved&verdict=true",
    ],
)
def test_a_filtered_export_from_kept_rows_is_the_live_export(client, many, query):
    from django.http import QueryDict

    from claims.pages.filters import ClaimFilter

    Claim.objects.filter(pk=many["first"].pk).update(text="Talks resume by August.")
    response = client.get(f"/claims/export.csv?{query}")
    assert response.status_code == 200
    kept = _text(response.streaming_content)
    assert marked() == set()  # refreshed first: the edit above is in it
    live = ClaimFilter(QueryDict(query), queryset=Claim.objects.published()).qs
    assert kept == _text(csv_stream(live, "http://testserver/claims/"))
    assert kept.count("\n") > 2  # a header and more than one claim
    assert "A draft on the talks." not in kept
