"""The claim finder in Chromium, from the keyboard only: an editor opens an article's
candidates, moves with j/k, takes one as a new claim (c: the claim form opens filled in, and
is saved as a draft), one as a repeat of a known claim (r), and rejects one with a reason
(x, a reason, Enter). Screenshots at 1366 and 390 px go to test-artifacts/ (README's
"Editing" section shows the first)."""

import datetime

import pytest

from claims.models import Appearance, Claim, FinderDecision, FinderVerdict
from tests.browser import SHOTS, sign_in
from tests.factories import make_appearance, make_article, make_claim, make_claimant, make_editor

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
REPEATED = "the North Korean delegation walked out after only eight hours of talks."
TEXT = (
    "Talks Stall Again\n"
    "Mike Pompeo said negotiations would resume in a couple of weeks.\n"
    f"Officials said {REPEATED}\n"
    "The weather in Stockholm was mild on Saturday.\n"
)


def _focus(page, words):
    """Press j or k until the focused candidate holds `words`, as an editor reading does."""
    for _ in range(10):
        focused = page.evaluate("document.activeElement.querySelector('.candidate-text')"
                                "?.textContent || ''")  # fmt: skip
        if words in focused:
            return
        page.keyboard.press("j")
    raise AssertionError(f"no candidate holds {words!r}")


def _top(page):
    page.keyboard.press("k")
    for _ in range(6):
        page.keyboard.press("k")


def test_an_article_gone_through_with_the_keyboard(browser, live_server):
    make_editor()
    pompeo = make_claimant("Mike Pompeo", slug="mike-pompeo")
    known = make_claim("The North Korean delegation walked out of the Stockholm talks.")
    first = make_article("First report", text=f"Officials said {REPEATED}\n")
    make_appearance(known, quote=REPEATED, article=first)
    article = make_article("Talks stall", text=TEXT, published_on=datetime.date(2019, 10, 5))
    finder = f"{live_server.url}/admin/claims/article/{article.pk}/finder/"
    editor = sign_in(browser, live_server.url, "edna")
    editor.set_viewport_size({"width": 1366, "height": 900})
    editor.goto(finder)
    editor.wait_for_selector("li.candidate:focus")
    editor.screenshot(path=SHOTS / "finder-1366.png", full_page=True)
    editor.set_viewport_size({"width": 390, "height": 844})
    editor.screenshot(path=SHOTS / "finder-390.png", full_page=True)
    editor.set_viewport_size({"width": 1366, "height": 900})

    _focus(editor, "Officials said the North Korean")  # a repeat: r
    editor.keyboard.press("r")
    editor.wait_for_selector(".messagelist .success")
    assert Appearance.objects.get(claim=known, article=article).quote_start == TEXT.index(
        "Officials"
    )

    editor.wait_for_selector("li.candidate:focus")
    _top(editor)
    _focus(editor, "The weather in Stockholm")  # not a claim: x, a reason, Enter
    editor.keyboard.press("x")
    editor.keyboard.press("ArrowDown")  # the second reason in the list
    editor.keyboard.press("Enter")
    editor.wait_for_selector("text=Marked as not a claim")
    rejected = FinderDecision.objects.get(verdict=FinderVerdict.REJECTED)
    assert rejected.sentence.startswith("The weather") and rejected.reason

    editor.wait_for_selector("li.candidate:focus")
    _top(editor)
    _focus(editor, "Mike Pompeo said")  # a claim: c opens the form filled in
    editor.keyboard.press("c")
    editor.wait_for_selector("#id_text")
    assert editor.input_value("#id_appearances-0-quote") == TEXT.splitlines()[1]
    assert editor.input_value("#id_kind") == "prediction"
    assert editor.input_value("#id_claimant") == str(pompeo.pk)
    assert editor.input_value("#id_check_by") == "2019-10-19"
    editor.fill("#id_text", "Negotiations will resume within two weeks.")
    editor.fill("#id_resolution_criteria", "Comes true if talks resume by the check-by date.")
    editor.click("input[name=_save]")
    editor.wait_for_selector(".messagelist .success")
    claim = Claim.objects.get(text="Negotiations will resume within two weeks.")
    assert claim.status == "draft" and claim.appearances.get().article == article
    assert FinderDecision.objects.filter(verdict=FinderVerdict.ACCEPTED).count() == 1
