"""What a new reader met, checked in Chromium: the sort box shows the order in force and a
filter form submission keeps it (no silent re-ordering of a search), with no empty fields in
the URL; the verdict scale fits a phone's width."""

import pytest

from tests.browser import SHOTS
from tests.factories import make_claim, make_claimant

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}


def test_filtering_a_search_keeps_its_order_and_the_url_clean(browser, live_server):
    kim = make_claimant("Kim Example")
    make_claim("Sanctions sanctions sanctions will stay.", claimant=kim, made_on="2018-01-01")
    make_claim("Sanctions may ease, talks resume.", claimant=kim, made_on="2019-06-01")
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(f"{live_server.url}/claims/?q=sanctions")
    assert page.locator("#id_sort").input_value() == "relevance"  # the order in force
    first = page.locator("ol.claims > li").first.inner_text()
    page.locator('input[name="verdict"][value="pending"]').check()
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    query = page.url.split("?", 1)[1]
    assert sorted(query.split("&")) == ["q=sanctions", "verdict=pending"]  # nothing empty
    assert page.locator("#id_sort").input_value() == "relevance"
    assert page.locator("ol.claims > li").first.inner_text() == first  # same order
    page.screenshot(path=SHOTS / "search-filtered-1366.png")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
def test_the_verdict_scale_fits_the_screen(browser, live_server, viewport):
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(f"{live_server.url}/verdicts/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the page is {width} px wide"
    assert page.locator("#verdict-true").is_visible()
    page.screenshot(path=SHOTS / f"verdicts-{viewport['width']}.png", full_page=True)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
def test_the_year_histogram_labels_do_not_overlap_and_bars_carry_counts(
    browser, live_server, viewport
):
    kim = make_claimant("Kim Example")
    for made_on, n in [("2017-03-01", 1), ("2018-03-01", 3), ("2019-03-01", 12)]:
        for i in range(n):
            make_claim(f"Claim {made_on} number {i}.", claimant=kim, made_on=made_on)
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(f"{live_server.url}/claims/")
    boxes = page.eval_on_selector_all(
        "svg.histogram text",
        "els => els.map(e => { const b = e.getBoundingClientRect();"
        " return [e.textContent, b.left, b.right, b.top, b.bottom]; })",
    )
    texts = [text for text, *_ in boxes]
    assert {"2017", "2018", "2019"} <= set(texts) and {"1", "3", "12"} <= set(texts)
    for i, (_, left, right, top, bottom) in enumerate(boxes):
        for other, o_left, o_right, o_top, o_bottom in boxes[i + 1 :]:
            apart = right <= o_left or o_right <= left or bottom <= o_top or o_bottom <= top
            assert apart, f"{boxes[i][0]!r} overlaps {other!r}"
    page.locator("svg.histogram").screenshot(path=SHOTS / f"histogram-{viewport['width']}.png")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
def test_the_first_claims_are_on_the_first_screen(browser, live_server, viewport):
    """The seeded home page, as a new reader first sees it: the filter form beside the
    results on a wide screen, folded on a phone; the first claim on the first screen."""
    from django.core.management import call_command

    call_command("load_seeds", verbosity=0)
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(f"{live_server.url}/")
    first = page.locator("ol.claims > li").first
    claim, heading = first.bounding_box(), first.locator(".claim-text").bounding_box()
    assert claim["y"] > 0 and heading["y"] + heading["height"] <= viewport["height"], (
        f"the first claim's words end at {heading['y'] + heading['height']} px"
    )
    if viewport is DESKTOP:  # two claims at once, and the form beside them, not above
        second = page.locator("ol.claims > li").nth(1).bounding_box()
        form = page.locator("form.filters").bounding_box()
        assert second["y"] < viewport["height"] and form["x"] + form["width"] <= claim["x"]
    page.screenshot(path=SHOTS / f"home-{viewport['width']}.png")
