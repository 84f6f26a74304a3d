"""Only what a reader can see moves the record's generation (and so retires the public cache):
a draft created, its review note edited, the draft deleted, an import's own record or a
claimant only drafts use leave it alone; a publication, an edit to a published claim or to
anything hanging off one, a claimant or article a published claim uses, and an unpublish move
it. A generation value is never used twice, so a restored backup cannot revive the cached
pages of the timeline it discarded."""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from claims import workflow
from claims.models import Claim, ClaimImport, ClaimStatus, RecordState, Verdict
from claims.models.state import move_generation
from tests.factories import (
    make_claim,
    make_claimant,
    make_outcome,
    make_sourced_claim,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a change as if committed; returns whether it moved the generation."""

    def run(change) -> bool:
        before = RecordState.current()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        return RecordState.current() != before

    return run


def test_a_drafts_life_leaves_the_public_cache_alone(committed):
    claimant = make_claimant("Dora Draft")
    holder = {}
    assert not committed(
        lambda: holder.update(draft=make_claim(status=ClaimStatus.DRAFT, claimant=claimant))
    )
    draft = holder["draft"]

    def note():
        draft.review_note = "Check the date against the article."
        draft.save()

    assert not committed(note)
    assert not committed(lambda: Claim.objects.filter(pk=draft.pk).update(review_note="Again."))
    assert not committed(lambda: make_outcome(draft, verdict=Verdict.TRUE))
    assert not committed(lambda: claimant.__class__.objects.get(pk=claimant.pk).save())
    assert not committed(draft.delete)


def test_an_import_record_and_history_leave_it_alone(committed):
    assert not committed(
        lambda: ClaimImport.objects.create(file_name="claims.csv", format="csv", data=b"x")
    )


def test_public_changes_move_it(committed, chief_editor):
    draft = make_sourced_claim("Talks resume soon.", status=ClaimStatus.DRAFT)
    assert committed(lambda: workflow.publish(draft, chief_editor))
    published = Claim.objects.get(pk=draft.pk)
    assert committed(lambda: make_outcome(published, verdict=Verdict.TRUE))
    assert committed(lambda: published.claimant.save())  # a claimant a published claim uses
    article = published.appearances.get().article
    assert committed(article.save)
    assert committed(lambda: workflow.unpublish(published, chief_editor, reason="Misattributed."))


def test_a_generation_is_never_used_twice_after_a_restore(committed):
    assert committed(lambda: make_claim("Public."))
    used = RecordState.current()
    # A restore takes the row back to what the backup held.
    RecordState.objects.filter(pk=1).update(generation=used - 5, withdrawn_generation=0)
    move_generation("default", withdraws=False)
    assert RecordState.current() > used


REDIS = {
    "default": {
        "BACKEND": "config.cache.ForgivingRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/11",
    }
}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restored_backup_never_serves_the_discarded_timelines_pages(tmp_path, settings):
    """As README restores: dump, later changes, flush and load the dump."""
    settings.PAGE_CACHE_SECONDS = 300
    with override_settings(CACHES=REDIS):
        cache.clear()
        draft = make_sourced_claim("Talks resume in a fortnight.", status=ClaimStatus.DRAFT)
        make_claim("Sanctions will stay.")
        dump = tmp_path / "backup.json"
        call_command(
            "dumpdata", "--natural-foreign", "-e", "contenttypes", "-e", "auth.Permission",
            "-e", "sessions", output=str(dump), verbosity=0,
        )  # fmt: skip
        # After the backup: the draft is published and its page cached.
        Claim.objects.filter(pk=draft.pk).update(
            status=ClaimStatus.PUBLISHED, published_at=timezone.now()
        )
        reader = Client()
        assert reader.get(draft.get_absolute_url()).status_code == 200
        assert reader.get(draft.get_absolute_url()).status_code == 200  # from the cache

        call_command("flush", "--no-input", verbosity=0)
        call_command("loaddata", str(dump), stdout=io.StringIO())
        assert Claim.objects.get(pk=draft.pk).status == ClaimStatus.DRAFT
        # Loading moved the generation once, as the next ordinary edit after a pg_restore would.
        assert reader.get(draft.get_absolute_url()).status_code == 404
        assert "Talks resume" not in reader.get("/claims/").content.decode()
        cache.clear()


def test_retire_cache_moves_the_generation_past_every_value_used():
    before = RecordState.current()
    out = io.StringIO()
    call_command("retire_cache", stdout=out)
    assert RecordState.current() > before
    assert f"moved to {RecordState.current()}" in out.getvalue()
