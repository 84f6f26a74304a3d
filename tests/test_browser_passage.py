"""From a passage in an article to a saved draft, in Chromium: an editor selects the words on
the article's admin page, opens "New claim from this passage", finds the article, the exact
words, the date and the claimant it names filled in, and saves. Three page loads in all.
Screenshots go to test-artifacts/ (README's "Editing" section shows the first)."""

import pytest

from claims.models import Claim
from tests.browser import SHOTS, sign_in
from tests.factories import make_article, make_claimant, make_editor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
# The wording of the workflow test's article (tests/test_browser_workflow.py), after a wire
# code that is page furniture.
WORDS = "negotiations would resume in “a couple of weeks.”"
TEXT = (
    "WASHINGTON (Wire) — Mike Pompeo said negotiations would resume in “a couple of weeks.” "
    "They did not."
)


def _select(page, words):
    """Select `words` inside the article's text, as a person dragging over them does."""
    page.evaluate(
        """(words) => {
            const panel = document.querySelector('.passages');
            const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const at = node.textContent.indexOf(words);
                if (at < 0) continue;
                const range = document.createRange();
                range.setStart(node, at);
                range.setEnd(node, at + words.length);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                return;
            }
            throw new Error('words not found');
        }""",
        words,
    )


def test_a_claim_from_a_passage_in_three_page_loads(browser, live_server):
    make_editor()
    pompeo = make_claimant("Mike Pompeo")
    make_claimant("Kim Jong Un")  # not named in this article
    article = make_article("Talks stall", text=TEXT, body_starts_at=len("WASHINGTON (Wire) — "))
    editor = sign_in(browser, live_server.url, "edna")
    editor.wait_for_load_state("load")  # the sign-in's own page is not counted
    loads = []
    editor.on("load", lambda: loads.append(editor.url))

    editor.goto(f"{live_server.url}/admin/claims/article/{article.pk}/change/")
    _select(editor, WORDS)
    editor.wait_for_selector("a.new-claim-from-passage")
    editor.screenshot(path=SHOTS / "passage-1-selected.png", full_page=True)
    editor.click("a.new-claim-from-passage")
    editor.wait_for_selector("#id_text")
    assert editor.input_value("#id_appearances-0-quote") == WORDS  # exactly as selected
    assert editor.input_value("#id_made_on") == "2019-06-15"  # the article's date
    assert editor.input_value("#id_claimant") == str(pompeo.pk)  # the one claimant it names
    editor.fill("#id_text", "Working-level talks will resume in a couple of weeks.")
    editor.select_option("#id_kind", "prediction")
    editor.fill("#id_claimant_role", "Secretary of State")
    editor.fill("#id_resolution_criteria", "Comes true if talks resume by the check-by date.")
    editor.screenshot(path=SHOTS / "passage-2-claim-form.png", full_page=True)
    editor.click("input[name=_save]")
    editor.wait_for_selector(".messagelist .success")
    editor.wait_for_load_state("load")

    claim = Claim.objects.get()
    appearance = claim.appearances.get()
    assert (appearance.article_id, appearance.quote) == (article.pk, WORDS)
    assert appearance.quote_start == TEXT.index(WORDS)
    assert claim.claimant == pompeo and claim.status == "draft"
    assert len(loads) == 3, loads  # the article, the filled-in form, the saved draft


def test_a_selection_outside_the_article_text_is_refused(browser, live_server):
    make_editor()
    article = make_article("Talks stall", text=TEXT)
    editor = sign_in(browser, live_server.url, "edna")
    editor.goto(f"{live_server.url}/admin/claims/article/{article.pk}/change/")
    editor.evaluate(
        """() => {
            const range = document.createRange();
            range.setStart(document.querySelector('#content h1'), 0);
            range.setEnd(document.querySelector('.passages').firstChild, 10);
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
        }"""
    )
    editor.wait_for_selector("text=Select words inside the article text")
    assert editor.locator("a.new-claim-from-passage").count() == 0
