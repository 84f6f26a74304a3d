"""Importing claims from the export's CSV: the export of
one database, imported into another that holds the same articles, recreates the same claims;
bad input gets a message naming the row and why, and nothing is written."""

import io

import pytest
from django.core.management import CommandError, call_command

from claims.models import (
    Appearance,
    Claim,
    Claimant,
    ClaimImport,
    ClaimStatus,
    Outcome,
    Topic,
    Verdict,
)
from tests.factories import make_appearance, make_article, make_claim, make_claimant

pytestmark = pytest.mark.django_db


def export_of(client) -> bytes:
    return b"".join(client.get("/claims/export.csv").streaming_content)


def record(claim: Claim) -> dict:
    """What the export carries of a claim, as the database holds it."""
    first = claim.appearances.order_by("pk").first()
    latest = claim.outcomes.order_by("-decided_on", "-pk").first()
    return {
        "text": claim.text,
        "claimant": (claim.claimant.slug, claim.claimant.name, claim.claimant.kind),
        "role": claim.claimant_role,
        "kind": claim.kind,
        "made": (claim.made_on, claim.made_on_precision),
        "check_by": claim.check_by,
        "verdict": (claim.verdict, claim.verdict_on),
        "outcome": latest.explanation if latest else None,
        "topics": sorted(claim.topics.values_list("name", flat=True)),
        "quote": (first.article.slug, first.quote) if first else None,
    }


def import_file(tmp_path, data: bytes, *args, name="claims.csv"):
    path = tmp_path / name
    path.write_bytes(data)
    out = io.StringIO()
    call_command("import_claims", str(path), *args, stdout=out)
    return out.getvalue()


def test_the_seed_export_round_trips_into_a_database_with_the_same_articles(client, tmp_path):
    call_command("load_seeds", verbosity=0)
    before = {c.slug: record(c) for c in Claim.objects.all()}
    data = export_of(client)
    Claim.objects.all().delete()  # another database: the same articles, nothing else
    Claimant.objects.filter(affiliation__isnull=False).delete()
    Claimant.objects.all().delete()
    Topic.objects.all().delete()

    out = import_file(tmp_path, data)
    assert f"{len(before)} row(s): {len(before)} new" in out
    after = {c.slug: record(c) for c in Claim.objects.all()}
    assert after == before
    assert set(Claim.objects.values_list("status", flat=True)) == {ClaimStatus.DRAFT}
    created = Claim.history.filter(id__in=Claim.objects.values("pk"), history_type="+")
    the_import = ClaimImport.objects.get()
    assert set(created.values_list("history_change_reason", flat=True)) == {
        f"Import #{the_import.pk} (claims.csv)"
    }

    again = import_file(tmp_path, data)  # the same file twice changes nothing
    assert f"{len(before)} unchanged" in again


def test_publish_on_import_goes_through_the_workflow(tmp_path, client):
    claim = make_claim("Talks will resume soon.", claimant=make_claimant("Mike Pompeo"))
    make_appearance(claim, make_article("Talks report", url="https://news.example.org/a"))
    data = export_of(client)
    claim.delete()
    import_file(tmp_path, data, "--publish")
    imported = Claim.objects.get()
    assert imported.is_published and imported.history.first().history_change_reason


def header_and(*rows, columns="claim,claimant,claimant_kind,kind,date_made") -> bytes:
    return ("\n".join([columns, *rows]) + "\n").encode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"claim,claimant,kind,date_made\n", "there is a header but no rows"),
        (b"claim,kind\nA claim.,statement\n", "missing column(s) date_made, claimant"),
        (b"\x00\x01\x02binary", "holds binary data"),
        ("claim,claimant,kind,date_made\n".encode("utf-16"), "the file is UTF-16 text"),
        (
            b"claim,claimant,kind,date_made\nA \x81\x8d claim,Kim,statement,2019-01-13\n",
            "neither UTF-8 nor Windows-1252",
        ),
        (header_and("A claim.,Kim,person,statement,2019-13-01"), "row 2: date_made: “2019-13-01”"),
        (
            header_and("A claim.,Kim,person,statement,13/01/2019"),
            "is not a date written YYYY-MM-DD",
        ),
        (header_and("A claim.,Kim,person,rumour,2019-01-13"), "kind: “rumour” is not one of"),
        (
            header_and(
                "A claim.,Kim,statement,2019-01-13,banana",
                columns="claim,claimant,kind,date_made,verdict",
            ),
            "verdict: “banana” is not one of",
        ),
        (
            header_and(
                "A claim.,nobody-here,statement,2019-01-13",
                columns="claim,claimant_slug,kind,date_made",
            ),
            "claimant_slug “nobody-here” is not a claimant here",
        ),
        (
            header_and("A claim.,Kim Yong Chol,,statement,2019-01-13"),
            "claimant_kind: “Kim Yong Chol” is a new claimant",
        ),
        (
            header_and(
                "A claim.,Kim,person,statement,2019-01-13,http://x/claims/same/",
                "Another.,Kim,person,statement,2019-01-13,http://x/claims/same/",
                columns="claim,claimant,claimant_kind,kind,date_made,detail_url",
            ),
            "row 3: repeats row 2",
        ),
        (
            header_and("A claim.,Kim,person,statement,2019-01-13,extra"),
            "more cell(s) than the header",
        ),
    ],
)
def test_bad_input_names_the_problem_and_writes_nothing(tmp_path, data, message):
    with pytest.raises(CommandError) as excinfo:
        import_file(tmp_path, data)
    assert message in str(excinfo.value)
    assert not Claim.objects.exists()
    assert not Claimant.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 100
    with pytest.raises(CommandError, match="the most an import takes is 100"):
        import_file(tmp_path, b"claim,claimant,kind,date_made\n" + b"x" * 200)


def test_windows_1252_is_read(tmp_path):
    data = header_and(
        "Caf\xe9 talks will resume.,Kim,person,statement,2019-01-13".encode("latin-1").decode(
            "latin-1"
        )
    )
    data = data.decode().encode("cp1252")
    out = import_file(tmp_path, data)
    assert "(Windows-1252)" in out
    assert Claim.objects.get().text == "Café talks will resume."


def test_formula_payloads_stay_plain_text_and_the_export_guard_is_undone(tmp_path):
    rows = ['\'=HYPERLINK("http://evil.example"),Kim,person,statement,2019-01-13']
    rows.append("=1+1 unguarded,Kim,person,statement,2019-01-14")
    data = "\n".join(["claim,claimant,claimant_kind,kind,date_made", *rows]).encode()
    import_file(tmp_path, data)
    texts = set(Claim.objects.values_list("text", flat=True))
    assert texts == {'=HYPERLINK("http://evil.example")', "=1+1 unguarded"}


def test_a_quote_not_in_its_article_is_an_error_on_its_row(tmp_path):
    make_article("Talks report", slug="talks-report")
    data = header_and(
        "A claim.,Kim,person,statement,2019-01-13,talks-report,words that are not there",
        columns="claim,claimant,claimant_kind,kind,date_made,first_article_slug,quote",
    )
    with pytest.raises(CommandError, match="row 2: quote: it does not occur in the text"):
        import_file(tmp_path, data)


def test_a_row_matching_a_merged_claim_or_a_published_change_is_refused(tmp_path, client):
    kept = make_claim("Talks will resume soon.")
    merged = make_claim("Talks resume soon.", status=ClaimStatus.DRAFT)
    Claim.objects.filter(pk=merged.pk).update(merged_into=kept)
    rows = [
        f"{merged.pk},Talks resume soon.,{kept.claimant.name},person,prediction,2019-07-01",
        f"{kept.pk},Talks will resume quickly.,{kept.claimant.name},person,prediction,2019-07-01",
    ]
    data = header_and(*rows, columns="id,claim,claimant,claimant_kind,kind,date_made")
    with pytest.raises(CommandError) as excinfo:
        import_file(tmp_path, data)
    assert f"row 2: matches claim {merged.pk}, which was merged into claim {kept.pk}" in str(
        excinfo.value
    )
    assert f"row 3: claim {kept.pk} is published" in str(excinfo.value)
    assert Claim.objects.get(pk=kept.pk).text == "Talks will resume soon."


def test_dry_run_writes_nothing(tmp_path):
    out = import_file(tmp_path, header_and("A claim.,Kim,person,statement,2019-01-13"), "--dry-run")
    assert "1 new" in out and "Claimants to create: Kim" in out
    assert not Claim.objects.exists()
    assert Verdict.PENDING  # the scale is importable alongside
    assert not Appearance.objects.exists() and not Outcome.objects.exists()


def test_an_editor_asking_to_publish_on_import_is_refused(editor):
    from claims.intake import importing

    data = header_and("A claim.,Kim,person,statement,2019-01-13")
    with pytest.raises(importing.LoadError, match="Only a chief editor can publish on import"):
        importing.start("claims.csv", data, user=editor, publish=True)
    assert not Claim.objects.exists()


def test_a_claim_edited_after_the_preview_is_not_overwritten():
    from claims.intake.importing import LoadError
    from claims.intake.importing.claims_file import preview
    from claims.intake.importing.table import read_csv
    from claims.intake.importing.writing import Writer

    draft = make_claim("Talks will resume.", status=ClaimStatus.DRAFT)
    data = header_and(
        f"{draft.pk},Talks will resume soon.,{draft.claimant.name},person,prediction,2019-07-01",
        columns="id,claim,claimant,claimant_kind,kind,date_made",
    )
    plan = preview(read_csv(data, "claims.csv"))
    assert plan.counts["update"] == 1
    draft.text = "Talks will resume, an editor wrote meanwhile."
    draft.save()
    with pytest.raises(LoadError, match=f"claim {draft.pk} was changed"):
        Writer(plan, reason="test").write()
    assert Claim.objects.get(pk=draft.pk).text == "Talks will resume, an editor wrote meanwhile."
