"""A reader follows a claim in Chromium, confirms from the link in the mail, and
unsubscribes from the page an alert links to; at a phone's width and a desktop's."""

import pytest
from django.core import mail

from claims.models import Follow, Follower
from tests.alerts import links_in
from tests.browser import SHOTS
from tests.factories import make_sourced_claim

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
def test_a_reader_follows_confirms_and_unsubscribes(browser, live_server, viewport):
    claim = make_sourced_claim("Talks will resume in a couple of weeks.")
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(f"{live_server.url}{claim.get_absolute_url()}")
    page.click("text=Follow this claim by e-mail")
    page.fill("input[name=email]", "reader@example.org")
    page.screenshot(path=SHOTS / f"follow-form-{viewport['width']}.png", full_page=True)
    page.click("button:has-text('Follow')")
    assert page.locator("h1").inner_text() == "Check your inbox"
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    [confirmation] = mail.outbox
    assert not Follow.objects.get().confirmed_at

    confirm = next(link for link in links_in(confirmation) if "/follow/confirm/" in link)
    page.goto(confirm)
    assert "Confirmed" in page.locator("p.confirmed").inner_text()
    assert claim.text in page.locator("ul.follows").inner_text()
    assert Follow.objects.get().confirmed_at
    page.screenshot(path=SHOTS / f"follows-{viewport['width']}.png", full_page=True)

    page.click("button:has-text('Stop all alerts and delete my address')")
    assert page.locator("h1").inner_text() == "Alerts stopped"
    assert not Follower.objects.exists()
