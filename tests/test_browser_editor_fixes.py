"""What a new editor met, checked in Chromium: on a published claim an editor sees what the
rules keep from them as fixed (no verdict box, no Delete box, the criteria as text), a new
outcome offers only the verdict they may add; a refused save says why at the top of the
page, and the outcome's heading keeps the stored verdict; the automatic address is cut at a
word; and the article page's buttons leave its heading clear."""

import pytest

from claims.models import Verdict
from tests.browser import SHOTS, sign_in
from tests.factories import (
    make_article,
    make_chief_editor,
    make_editor,
    make_outcome,
    make_sourced_claim,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}


@pytest.fixture
def published(db):
    claim = make_sourced_claim("Talks will resume within two weeks.")
    make_outcome(claim, verdict=Verdict.FALSE)
    claim.refresh_from_db()
    return claim


def _change(base, claim):
    return f"{base}/admin/claims/claim/{claim.pk}/change/"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
def test_an_editor_sees_a_published_claim_s_fixed_parts_as_fixed(
    browser, live_server, published, viewport
):
    make_editor()
    page = sign_in(browser, live_server.url, "edna")
    page.set_viewport_size(viewport)
    page.goto(_change(live_server.url, published))
    assert page.locator("#id_outcomes-0-verdict").is_disabled()
    assert page.locator("#id_appearances-0-quote").is_disabled()
    assert page.locator("input[name$='-DELETE']").count() == 0
    assert page.locator("#id_resolution_criteria").count() == 0  # shown as text
    assert published.resolution_criteria in page.locator(".field-resolution_criteria").inner_text()
    page.click("text=Add another Outcome")
    offered = page.eval_on_selector_all(
        "#id_outcomes-1-verdict option", "options => options.map(o => o.value)"
    )
    assert offered == ["false"]  # the current verdict: another needs a chief editor
    page.screenshot(path=SHOTS / f"editor-published-claim-{viewport['width']}.png", full_page=True)


def test_a_refused_save_says_why_at_the_top_and_keeps_the_stored_verdict(
    browser, live_server, published
):
    make_chief_editor()
    page = sign_in(browser, live_server.url, "charles")
    page.set_viewport_size(DESKTOP)
    page.goto(_change(live_server.url, published))
    page.select_option("#id_outcomes-0-verdict", "true")  # no correction note
    page.click("input[name=_save]")
    refusal = page.locator(".refusal").first
    refusal.wait_for()
    assert "write a correction note" in refusal.inner_text()
    box = refusal.bounding_box()
    assert box["y"] + box["height"] <= DESKTOP["height"], f"the reason is at {box['y']} px"
    heading = page.locator("#outcomes-0 .inline_label").inner_text()
    assert heading.startswith("False"), heading  # the stored verdict, not the refused one
    assert page.locator("#id_outcomes-0-verdict").input_value() == "true"  # input kept
    page.screenshot(path=SHOTS / "refusal-at-top-1366.png")


def test_the_automatic_address_is_cut_at_a_word(browser, live_server):
    make_editor()
    page = sign_in(browser, live_server.url, "edna")
    page.goto(f"{live_server.url}/admin/claims/claim/add/")
    text = (
        "North Korea will not give up its nuclear weapons while the United States keeps "
        "its sanctions in place and the peace process always stalls"
    )
    page.fill("#id_text", text)
    page.press("#id_text", "End")  # a key, as typing gives: the admin fills the address
    slug = page.locator("#id_slug").input_value()
    whole = page.evaluate("text => URLify(text, 1000, false)", text)
    assert 80 < len(slug) <= 100 and whole.startswith(slug), slug
    assert whole[len(slug)] == "-", f"{slug!r} ends mid-word"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
def test_the_article_page_s_buttons_leave_its_heading_clear(browser, live_server, viewport):
    make_editor()
    article = make_article(
        "Making Sense of the August Fizzle in the US-North Korea Negotiations, and After",
        publication="The Diplomat",
    )
    page = sign_in(browser, live_server.url, "edna")
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/admin/claims/article/{article.pk}/change/")
    # The boxes of the headings' words (a heading's own box is the column's width).
    words = page.eval_on_selector_all(
        "#content h1, #content h2",
        """els => els.flatMap(e => { const r = document.createRange(); r.selectNodeContents(e);
             return Array.from(r.getClientRects()).map(b => [b.left, b.right, b.top, b.bottom]);
           })""",
    )
    buttons = page.locator(".object-tools a").all()
    assert len(buttons) == 2 and words
    for button in buttons:
        box = button.bounding_box()
        left, right = box["x"], box["x"] + box["width"]
        top, bottom = box["y"], box["y"] + box["height"]
        for w_left, w_right, w_top, w_bottom in words:
            apart = right <= w_left or w_right <= left or bottom <= w_top or w_bottom <= top
            assert apart, f"{button.inner_text()!r} covers a heading"
    page.screenshot(path=SHOTS / f"admin-article-{viewport['width']}.png")
