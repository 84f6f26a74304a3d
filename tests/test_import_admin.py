"""The admin import: an editor uploads a file, sees every row's preview with the
errors in words, and nothing is written until a clean file is confirmed; imports are
recorded, publish on import is for chief editors, and an import can be undone."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import Claim, Claimant, ClaimImport, ClaimStatus, ImportStatus, Topic
from tests.factories import ARTICLE_TEXT, make_article

pytestmark = pytest.mark.django_db
COLUMNS = "claim,claimant,claimant_kind,kind,date_made,topics,first_article_slug,quote"
GOOD = (
    "Talks will resume.,Kim Yo Jong,person,prediction,2019-06-20,Diplomacy,talks,"
    "in a couple of weeks"
)
BAD_DATE = "Another claim.,Kim Yo Jong,person,statement,2019-13-01,,,"
IMPORT = reverse("admin:claims_claim_import")


def upload(client, body: str, name="claims.csv", **extra):
    data = {"file": SimpleUploadedFile(name, body.encode()), **extra}
    return client.post(IMPORT, data)


def preview_url(record) -> str:
    return reverse("admin:claims_claim_import_preview", kwargs={"pk": record.pk})


@pytest.fixture
def article(db):
    return make_article("Talks report", slug="talks", text=ARTICLE_TEXT)


def test_the_claims_list_offers_the_import_to_editors(editor_client):
    page = editor_client.get(reverse("admin:claims_claim_changelist"))
    assert IMPORT.encode() in page.content
    assert editor_client.get(IMPORT).status_code == 200


def test_a_reader_without_claim_permissions_cannot_import(client, django_user_model):
    staff = django_user_model.objects.create_user("visitor", is_staff=True)
    client.force_login(staff)
    assert client.get(IMPORT).status_code == 403
    assert upload(client, f"{COLUMNS}\n{GOOD}\n").status_code == 403
    assert not ClaimImport.objects.exists()


def test_the_preview_lists_each_row_and_its_errors_and_writes_nothing(editor_client, article):
    response = upload(editor_client, f"{COLUMNS}\n{GOOD}\n{BAD_DATE}\n")
    record = ClaimImport.objects.get()
    assert response.status_code == 302 and response["Location"] == preview_url(record)
    page = editor_client.get(preview_url(record)).content.decode()
    assert "1 new" in page and "1 error" in page
    assert "date_made: “2019-13-01” is not a date written YYYY-MM-DD" in page
    assert "Claimants to create: Kim Yo Jong" in page and "Topics to create: Diplomacy" in page
    assert 'name="confirm"' not in page  # no way to import a file with errors
    forged = editor_client.post(preview_url(record), {"confirm": "1"}, follow=True)
    assert "Nothing was imported" in forged.content.decode()
    assert not Claim.objects.exists() and not Claimant.objects.exists()
    assert ClaimImport.objects.get().status == ImportStatus.PREVIEWED


def test_a_confirmed_import_writes_drafts_and_records_who_and_what(editor_client, editor, article):
    upload(editor_client, f"{COLUMNS}\n{GOOD}\n")
    record = ClaimImport.objects.get()
    page = editor_client.get(preview_url(record)).content.decode()
    assert 'name="confirm"' in page
    done = editor_client.post(preview_url(record), {"confirm": "1"}, follow=True)
    claim = Claim.objects.get()
    assert claim.status == ClaimStatus.DRAFT and claim.appearances.get().quote
    assert claim.text in done.content.decode()  # the list, filtered to this import
    record.refresh_from_db()
    assert (record.status, record.created_by, record.file_name) == (
        ImportStatus.IMPORTED,
        editor,
        "claims.csv",
    )
    assert record.counts["new"] == 1 and record.counts["written"]["claim created"] == 1
    history = claim.history.get()
    assert history.history_change_reason == f"Import #{record.pk} (claims.csv)"
    assert history.history_user == editor
    assert [link.topic.name for link in history.topics.all()] == ["Diplomacy"]
    again = editor_client.post(preview_url(record), {"confirm": "1"}, follow=True)
    assert "was imported already" in again.content.decode()
    assert Claim.objects.count() == 1


def test_unknown_columns_are_shown_before_the_import(editor_client, article):
    upload(editor_client, f"{COLUMNS},shoe_size\n{GOOD},44\n")
    page = editor_client.get(preview_url(ClaimImport.objects.get())).content.decode()
    assert "Unknown columns, ignored if you import:</strong> shoe_size" in page


def test_publish_on_import_is_for_chief_editors_only(editor_client, chief_client, article):
    assert b"Publish on import" not in editor_client.get(IMPORT).content
    upload(editor_client, f"{COLUMNS}\n{GOOD}\n", publish="on")  # a forged field is ignored
    editor_client.post(preview_url(ClaimImport.objects.get()), {"confirm": "1"})
    assert Claim.objects.get().status == ClaimStatus.DRAFT

    Claim.objects.all().delete()
    assert b"Publish on import" in chief_client.get(IMPORT).content
    # A prediction is published only with its resolution criteria: the preview says so.
    upload(chief_client, f"{COLUMNS}\n{GOOD}\n", publish="on")
    page = chief_client.get(preview_url(ClaimImport.objects.latest("pk"))).content.decode()
    assert "resolution_criteria: empty. A prediction or a promise is published only" in page
    criteria = "True if talks resume by the end of July 2019."
    upload(chief_client, f"{COLUMNS},resolution_criteria\n{GOOD},{criteria}\n", publish="on")
    record = ClaimImport.objects.latest("pk")
    chief_client.post(preview_url(record), {"confirm": "1"})
    claim = Claim.objects.get()
    assert claim.is_published and claim.published_by.username == "charles"
    assert claim.resolution_criteria == criteria


def test_an_editor_cannot_confirm_another_editors_upload(editor_client, chief_client, article):
    upload(chief_client, f"{COLUMNS}\n{GOOD}\n")
    response = editor_client.post(preview_url(ClaimImport.objects.get()), {"confirm": "1"})
    assert response.status_code == 403 and not Claim.objects.exists()


def test_an_unreadable_file_gets_a_message_and_no_record(editor_client):
    response = upload(editor_client, "", name="empty.csv")
    assert response.status_code == 400 and "submitted file is empty" in response.content.decode()
    broken = editor_client.post(
        IMPORT, {"file": SimpleUploadedFile("claims.xlsx", b"PK\x03\x04truncated")}
    )
    assert broken.status_code == 400
    assert "not a complete XLSX workbook" in broken.content.decode()
    assert not ClaimImport.objects.exists()


def test_a_50_mb_file_is_refused_before_it_is_read(editor_client):
    huge = SimpleUploadedFile("huge.csv", b"claim,claimant,kind,date_made\n" + b"x" * 50_000_000)
    response = editor_client.post(IMPORT, {"file": huge})
    assert response.status_code == 400
    assert "the most an import takes is 20,971,520 bytes" in response.content.decode()
    assert not ClaimImport.objects.exists()


def test_templates_download_with_the_export_columns(editor_client):
    csv_template = editor_client.get(
        reverse("admin:claims_claim_import_template", kwargs={"kind": "csv"})
    )
    assert csv_template.content.decode("utf-8-sig").startswith("id,detail_url,claim,claimant")
    xlsx = editor_client.get(reverse("admin:claims_claim_import_template", kwargs={"kind": "xlsx"}))
    assert xlsx.content.startswith(b"PK")
    missing = editor_client.get(reverse("admin:claims_claim_import_template", args=["exe"]))
    assert missing.status_code == 404


def test_the_import_record_is_listed_and_read_only(editor_client, article):
    upload(editor_client, f"{COLUMNS}\n{GOOD}\n")
    listing = editor_client.get(reverse("admin:claims_claimimport_changelist"))
    assert b"Import #" in listing.content and b"claims.csv" in listing.content
    record = ClaimImport.objects.get()
    delete = reverse("admin:claims_claimimport_delete", args=[record.pk])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert Topic.objects.count() == 0


def test_the_shipped_template_files_have_the_columns_the_import_reads():
    import csv
    from pathlib import Path

    from claims.intake.importing.articles_sheet import COLUMNS as ARTICLE_COLUMNS
    from claims.intake.importing.example import example_row
    from claims.outputs.export import COLUMNS as CLAIM_COLUMNS

    folder = Path(__file__).parent.parent / "claims/static/claims/import"
    claims = list(csv.reader((folder / "claims-template.csv").open(encoding="utf-8")))
    articles = (folder / "articles-template.csv").read_text().strip().split(",")
    assert claims == [CLAIM_COLUMNS, example_row()] and articles == ARTICLE_COLUMNS


def test_the_template_s_example_row_is_a_seed_claim_that_imports_cleanly(editor_client, editor):
    from claims.intake import importing
    from claims.intake.importing.example import EXAMPLE

    served = editor_client.get(reverse("admin:claims_claim_import_template", args=["csv"]))
    make_article(
        EXAMPLE["first_article_title"],
        slug=EXAMPLE["first_article_slug"],
        text=f"Trump wrote: {EXAMPLE['quote']}, because …",
    )
    record = importing.start("template.csv", served.content, user=editor)
    plan = importing.preview_of(record)
    assert plan.ok and plan.counts["new"] == 1 and plan.rows[0].text == EXAMPLE["claim"]


def test_only_the_rows_with_errors_is_offered_only_when_some_row_has_one(editor_client, article):
    upload(editor_client, f"{COLUMNS}\n{GOOD}\n")
    clean = editor_client.get(preview_url(ClaimImport.objects.get())).content.decode()
    assert "Only the rows with errors" not in clean
    upload(editor_client, f"{COLUMNS}\n{GOOD}\n{BAD_DATE}\n")
    faulty = editor_client.get(preview_url(ClaimImport.objects.latest("pk"))).content.decode()
    assert "Only the rows with errors" in faulty


def test_undo_asks_first_saying_what_goes_then_the_page_says_who_undid_it(
    editor_client, editor, article
):
    upload(editor_client, f"{COLUMNS}\n{GOOD}\n")
    record = ClaimImport.objects.get()
    editor_client.post(preview_url(record), {"confirm": "1"})
    undo = reverse("admin:claims_claim_import_undo", kwargs={"pk": record.pk})
    assert undo in editor_client.get(preview_url(record)).content.decode()
    asked = editor_client.get(undo).content.decode()
    assert "Delete 1 claim it created" in asked and "1 topic and 1 claimant it created" in asked
    assert Claim.objects.count() == 1  # asking deletes nothing
    done = editor_client.post(undo, follow=True).content.decode()
    assert not Claim.objects.exists()
    assert f"Import #{record.pk} undone: " in done
    assert f"Undone</strong> by {editor.username} on" in done and "1 claim deleted" in done
    assert "Claimants to create" not in done and "1 new" not in done
    assert "Undo this import" not in done
