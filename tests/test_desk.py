"""The editor's desk on the admin index: an editor's drafts, drafts waiting for a chief editor
(the chief editor's first queue, oldest first), overdue and forgotten claims, and claims
someone else changed since; each counted and linked to the changelist filtered the same way."""

import datetime

import pytest
from django.utils import timezone

from claims.editors.desk import desk_for
from claims.models import Claim, ClaimStatus
from tests.factories import make_claim, make_sourced_claim

pytestmark = pytest.mark.django_db
DRAFT = ClaimStatus.DRAFT


def _counts(user) -> dict[str, int]:
    return {queue.key: queue.count for queue in desk_for(user)}


def _ready(claim, user, minutes_ago, note=""):
    when = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    Claim.objects.filter(pk=claim.pk).update(
        review_requested_at=when, review_requested_by=user, review_note=note
    )


def test_an_editors_drafts_and_hand_over(editor_client, editor):
    response = editor_client.post(
        "/admin/claims/claim/add/",
        {
            "text": "Talks will resume within two weeks.",
            "slug": "talks-will-resume-within-two-weeks",
            "kind": "prediction",
            "version": 0,
            "claimant": make_claim().claimant_id,
            "made_on": "2019-07-01",
            "made_on_precision": "day",
            "resolution_criteria": "True if talks resume by mid-July 2019.",
            "ready_for_review": "on",
            "review_note": "Is the date right?",
            "not_a_duplicate": "on",
            **_empty_inlines(),
        },
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    claim = Claim.objects.get(slug="talks-will-resume-within-two-weeks")
    assert claim.created_by == editor
    assert claim.review_requested_by == editor and claim.review_note == "Is the date right?"
    assert _counts(editor)["mine"] == 1
    assert _counts(editor)["review"] == 1


def _empty_inlines():
    forms = {}
    for prefix in ("appearances", "outcomes"):
        forms.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return forms


def test_chief_editors_see_waiting_drafts_first_oldest_first(chief_editor, editor):
    newer = make_sourced_claim("Newer draft.", status=DRAFT)
    older = make_sourced_claim("Older draft.", status=DRAFT)
    _ready(newer, editor, 5)
    _ready(older, editor, 60, note="Check the quote.")
    desk = desk_for(chief_editor)
    assert desk[0].key == "review"
    assert [c.text for c in desk[0].claims] == ["Older draft.", "Newer draft."]
    assert desk_for(editor)[0].key == "mine"  # an editor's own drafts come first for them


def test_publishing_takes_a_draft_off_the_desk(chief_editor, editor):
    from claims import workflow

    draft = make_sourced_claim("Ready draft.", status=DRAFT)
    _ready(draft, editor, 10)
    assert _counts(chief_editor)["review"] == 1
    workflow.publish(Claim.objects.get(pk=draft.pk), chief_editor)
    assert _counts(chief_editor)["review"] == 0
    assert Claim.objects.get(pk=draft.pk).review_requested_at is None


def test_overdue_and_forgotten_claims(chief_editor):
    make_claim("Overdue.", check_by=datetime.date(2020, 1, 1))
    quiet = make_claim("Pending since 2019, no check-by.", check_by=None)
    make_claim("Recently touched, no check-by.", check_by=None)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Claim.objects.filter(pk=quiet.pk).update(updated_at=long_ago)
    counts = _counts(chief_editor)
    assert counts["overdue"] == 1
    assert counts["forgotten"] == 1


def test_claims_changed_by_someone_else_since(editor, chief_editor):
    mine = make_claim("Edited by the editor.")
    untouched = make_claim("Edited by the editor only.")
    for claim in (mine, untouched):
        claim._history_user = editor
        claim.save()
    mine.text = "Edited by the editor, then corrected by the chief."
    mine._history_user = chief_editor
    mine.save()
    assert _counts(editor)["changed"] == 1
    assert _counts(chief_editor)["changed"] == 0  # the chief's edit was the last


def test_each_count_links_to_its_filtered_changelist(editor_client, editor):
    mine = make_sourced_claim("My draft.", status=DRAFT, created_by=editor)
    make_sourced_claim("Someone else's draft.", status=DRAFT)
    index = editor_client.get("/admin/").content.decode()
    assert 'href="/admin/claims/claim/?desk=mine"' in index
    assert "My draft." in index
    changelist = editor_client.get("/admin/claims/claim/", {"desk": "mine"})
    assert [c.pk for c in changelist.context["cl"].result_list] == [mine.pk]
    assert editor_client.get("/admin/claims/claim/", {"desk": "nonsense"}).status_code == 200


def test_the_desks_queries_are_pinned(chief_editor, editor, django_assert_num_queries):
    for i in range(3):
        _ready(make_sourced_claim(f"Draft {i}.", status=DRAFT, created_by=chief_editor), editor, i)
    # 2 for the permission check (can_publish: the user's own and their groups'
    # permissions, cached on the user after), then 1 each: the review queue's capped count,
    # its first claims (with claimant and who asked); the user's drafts' count, their first
    # claims; overdue; forgotten; the history's GROUP BY of the user's own edits (a second,
    # of others' edits to those claims, only when there are any).
    with django_assert_num_queries(9):
        desk_for(chief_editor)
