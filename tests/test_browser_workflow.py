"""A person's whole workflow in a real browser (Playwright driving Debian's Chromium).

An editor signs in, enters a claim whose quote is first refused and then checked, records
an outcome; a chief editor publishes it; a reader then sees it on the public page.
Screenshots go to test-artifacts/ (git-ignored).
"""

import pytest

from claims.models import Claim, ClaimStatus, Verdict
from tests.browser import SHOTS, sign_in
from tests.factories import make_article, make_chief_editor, make_claimant, make_editor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def choose(page, select_id, typed, option):
    """Pick from an admin autocomplete (select2) by typing, as a person does."""
    page.click(f"#{select_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", typed)
    page.click(f".select2-results__option:has-text('{option}')")


def test_editor_enters_chief_publishes_reader_sees(browser, live_server):
    make_editor()
    make_chief_editor()
    make_claimant("Mike Pompeo")
    make_article(
        "Talks stall",
        text="Pompeo said negotiations would resume in “a couple of weeks.” They did not.",
    )
    base = live_server.url

    editor = sign_in(browser, base, "edna")
    editor.goto(f"{base}/admin/claims/claim/add/")
    editor.fill("#id_text", "Working-level talks will resume in a couple of weeks.")
    editor.select_option("#id_kind", "promise")
    choose(editor, "id_claimant", "Pompeo", "Mike Pompeo")
    editor.fill("#id_claimant_role", "Secretary of State")
    editor.fill("#id_made_on", "2019-07-01")
    editor.fill("#id_check_by", "2019-07-15")
    editor.fill(
        "#id_resolution_criteria",
        "Kept if working-level talks resume by 15 July 2019; broken if they do not.",
    )
    editor.click("text=Add another Appearance")
    choose(editor, "id_appearances-0-article", "Talks", "Talks stall")
    editor.fill("#id_appearances-0-quote", "negotiations would resume next month")
    editor.click("text=Add another Outcome")
    editor.select_option("#id_outcomes-0-verdict", "false")
    editor.fill("#id_outcomes-0-decided_on", "2019-10-05")
    editor.fill("#id_outcomes-0-explanation", "Talks took place only on 5 October 2019.")
    editor.click("input[name=_save]")
    editor.wait_for_selector(".errorlist")
    assert "does not occur in the text of “Talks stall”" in editor.content()
    editor.screenshot(path=SHOTS / "1-quote-refused.png", full_page=True)
    assert not Claim.objects.exists()

    editor.fill("#id_appearances-0-quote", 'negotiations would resume in "a couple of weeks."')
    editor.click("input[name=_save]")
    editor.wait_for_selector(".messagelist .success")
    claim = Claim.objects.get()
    assert claim.status == ClaimStatus.DRAFT
    assert claim.verdict == Verdict.FALSE
    assert claim.slug == "working-level-talks-will-resume-in-a-couple-of-weeks"  # prepopulated
    editor.screenshot(path=SHOTS / "2-claim-saved.png", full_page=True)

    reader = browser.new_context().new_page()
    assert reader.goto(f"{base}{claim.get_absolute_url()}").status == 404  # still a draft

    chief = sign_in(browser, base, "charles")
    chief.goto(f"{base}/admin/claims/claim/")
    chief.check(f"input.action-select[value='{claim.pk}']")
    chief.select_option("select[name=action]", "publish_selected")
    chief.click("button[name=index]")
    chief.wait_for_selector(".messagelist .success")
    chief.screenshot(path=SHOTS / "3-published.png", full_page=True)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLISHED

    assert reader.goto(f"{base}{claim.get_absolute_url()}").status == 200
    assert reader.locator("h1").inner_text() == claim.text
    assert reader.locator("mark").first.inner_text() == (
        "negotiations would resume in “a couple of weeks.”"
    )
    assert "Broken" in reader.locator(".badge").first.inner_text()  # a promise, false
    reader.screenshot(path=SHOTS / "4-public-page.png", full_page=True)
