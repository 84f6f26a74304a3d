"""Undoing an import: as a whole, while none of its claims was touched since;
what it created goes, what it changed comes back, and the history says so."""

import pytest

from claims.intake import importing
from claims.models import Article, Claim, Claimant, ClaimImport, ImportStatus, Topic
from tests.factories import make_article, make_claim, make_claimant, make_outcome

pytestmark = pytest.mark.django_db
COLUMNS = "id,claim,claimant,claimant_kind,kind,date_made,topics,first_article_slug,quote"


def imported(body: str, user=None) -> ClaimImport:
    record = importing.start("claims.csv", body.encode(), user=user)
    assert importing.preview_of(record).ok
    return importing.confirm(record, user)


def test_undo_removes_what_the_import_created(editor):
    make_article("Talks report", slug="talks")
    record = imported(
        f"{COLUMNS}\n,Talks will resume.,New Person,person,prediction,2019-06-20,New topic,"
        "talks,in a couple of weeks\n",
        editor,
    )
    claim = Claim.objects.get()
    assert importing.undo_problems(record, editor) == []
    counts = importing.undo(record, editor)
    assert counts["claim deleted"] == 1 and counts["appearance deleted"] == 1
    assert not Claim.objects.exists() and not Claimant.objects.exists()
    assert not Topic.objects.exists()
    assert Article.objects.filter(slug="talks").exists()  # it was there before
    gone = Claim.history.filter(id=claim.pk, history_type="-").get()
    assert gone.history_change_reason == f"Undo of import #{record.pk}"
    assert ClaimImport.objects.get().status == ImportStatus.UNDONE
    with pytest.raises(importing.LoadError, match="this one is undone"):
        importing.undo(record, editor)


def test_undo_puts_an_updated_draft_back_as_it_was(editor):
    claimant = make_claimant("Kim Yo Jong")
    draft = make_claim("Talks will resume.", claimant=claimant, status="draft")
    make_outcome(draft)
    record = imported(
        f"{COLUMNS}\n{draft.pk},Talks will resume soon.,Kim Yo Jong,,promise,2019-07-01,,,\n",
        editor,
    )
    draft.refresh_from_db()
    assert (draft.text, draft.kind) == ("Talks will resume soon.", "promise")
    importing.undo(record, editor)
    draft.refresh_from_db()
    assert (draft.text, draft.kind) == ("Talks will resume.", "prediction")
    assert draft.outcomes.count() == 1 and Claimant.objects.get() == claimant


def test_undo_is_refused_once_a_claim_was_edited(editor):
    record = imported(f"{COLUMNS}\n,A claim.,Kim,person,statement,2019-01-13,,,\n", editor)
    claim = Claim.objects.get()
    claim.text = "A claim, edited by hand."
    claim.save()
    found = importing.undo_problems(record, editor)
    assert found and "changed since" in found[0]
    with pytest.raises(importing.LoadError, match="changed since"):
        importing.undo(record, editor)
    assert Claim.objects.get().text == "A claim, edited by hand."


def test_only_the_importer_or_a_chief_editor_may_undo(editor, chief_editor):
    from tests.factories import make_editor

    record = imported(f"{COLUMNS}\n,A claim.,Kim,person,statement,2019-01-13,,,\n", editor)
    other = make_editor("otto")
    assert "Only the editor who imported it" in importing.undo_problems(record, other)[0]
    assert importing.undo_problems(record, chief_editor) == []


def test_undo_keeps_a_claimant_that_others_use_by_then(editor):
    record = imported(f"{COLUMNS}\n,A claim.,Kim,person,statement,2019-01-13,,,\n", editor)
    make_claim("Another claim by hand.", claimant=Claimant.objects.get(name="Kim"))
    importing.undo(record, editor)
    assert Claimant.objects.filter(name="Kim").exists()
    assert Claim.objects.get().text == "Another claim by hand."


def test_undo_removes_what_an_import_added_to_a_claim_that_stays(editor):
    draft = make_claim("Talks will resume.", status="draft")
    make_article("Talks report", slug="talks")
    columns = COLUMNS + ",verdict,verdict_date,outcome_explanation"
    record = imported(
        f"{columns}\n{draft.pk},Talks will resume.,{draft.claimant.name},,prediction,"
        "2019-07-01,,talks,in a couple of weeks,false,2019-10-05,They did not resume.\n",
        editor,
    )
    draft.refresh_from_db()
    assert draft.verdict == "false" and draft.appearances.count() == 1
    importing.undo(record, editor)
    draft.refresh_from_db()
    assert (draft.verdict, draft.appearances.count(), draft.outcomes.count()) == ("pending", 0, 0)
    assert Claim.objects.filter(pk=draft.pk).exists()


def test_undo_is_refused_when_it_would_take_a_published_claims_quote_from_its_article(
    editor, chief_editor
):
    """An import updates an article's text; a chief editor then publishes a claim quoting the
    new sentence; undoing the import would put the old text back and leave that published
    claim without its evidence: refused, with the reason, and nothing changes."""
    from claims import workflow
    from tests.factories import make_appearance

    article = make_article("Talks report", slug="talks")
    added = " A second summit is planned for February."
    row = ",Talks will resume.,Kim,person,prediction,2019-06-20,,talks,in a couple of weeks"
    claims = f"{COLUMNS}\n{row}\n"
    articles = f'slug,title,text\ntalks,Talks report,"{article.text}{added}"\n'
    record = importing.start(
        "claims.csv", claims.encode(), user=editor, articles=("a.csv", articles.encode())
    )
    assert importing.preview_of(record).ok
    record = importing.confirm(record, editor)
    assert Article.objects.get(pk=article.pk).text.endswith(added)

    draft = make_claim("A second summit will be held in February.", status="draft")
    make_appearance(draft, Article.objects.get(pk=article.pk), quote="A second summit is planned")
    workflow.publish(Claim.objects.get(pk=draft.pk), chief_editor)

    with pytest.raises(importing.LoadError, match="no longer contains the quotes"):
        importing.undo(record, editor)
    assert Article.objects.get(pk=article.pk).text.endswith(added)
    assert ClaimImport.objects.get(pk=record.pk).status == ImportStatus.IMPORTED
    assert Claim.objects.get(pk=draft.pk).status == "published"


def test_counts_are_said_in_words_with_their_plurals():
    from claims.intake.importing import counted

    said = counted({"claim created": 5, "topic created": 1, "appearance deleted": 2})
    assert said == "5 claims created, 1 topic created, 2 appearances deleted"
