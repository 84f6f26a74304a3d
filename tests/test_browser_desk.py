"""What this session's pages look like in Chromium, at desktop and phone width (screenshots
in test-artifacts/): a reader's search with highlighted snippets, a draft's preview, and the
editor's desk and a claim's full history. None scrolls sideways on a phone, and axe-core
finds no serious or critical accessibility violation."""

import datetime

import pytest

from claims.models import Claim, ClaimStatus
from tests.browser import SHOTS, sign_in
from tests.factories import make_appearance, make_article, make_chief_editor, make_sourced_claim
from tests.test_browser_record import DESKTOP, PHONE, serious

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _fits(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture
def desk():
    chief = make_chief_editor()
    published = make_sourced_claim(
        "Working-level talks will resume in a couple of weeks.",
        check_by=datetime.date(2019, 7, 15),
    )
    make_appearance(published, make_article("Second report"))
    draft = make_sourced_claim(
        "Sanctions will stay until denuclearization.", status=ClaimStatus.DRAFT
    )
    Claim.objects.filter(pk=draft.pk).update(
        review_requested_at=datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC),
        review_requested_by=chief,
        review_note="Check the quote against the article.",
    )
    return published, draft


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_search_preview_and_desk_at_each_size(browser, live_server, desk, size):
    published, draft = desk
    viewport = DESKTOP if size == "desktop" else PHONE
    reader = browser.new_context(viewport=viewport).new_page()
    reader.goto(f"{live_server.url}/claims/?q=couple+weeks")
    assert reader.locator(".snippet mark").first.is_visible()
    assert _fits(reader), "the search page scrolls sideways"
    assert serious(reader) == []
    reader.screenshot(path=SHOTS / f"search-{size}.png", full_page=True)

    chief = sign_in(browser, live_server.url, "charles")
    chief.set_viewport_size(viewport)
    chief.goto(f"{live_server.url}/claims/preview/{draft.pk}/")
    assert chief.locator(".preview-banner").is_visible()
    assert _fits(chief), "the preview scrolls sideways"
    chief.screenshot(path=SHOTS / f"preview-{size}.png", full_page=True)
    chief.goto(f"{live_server.url}/admin/")
    assert chief.locator("#desk-review").is_visible()
    assert "Check the quote against the article." in chief.locator("#desk").inner_text()
    wider = "(d => d.scrollWidth > d.clientWidth + 1)(document.querySelector('#desk'))"
    assert not chief.evaluate(wider), "the desk is wider than its box"
    assert serious(chief) == []
    chief.screenshot(path=SHOTS / f"desk-{size}.png", full_page=True)
    chief.goto(f"{live_server.url}/admin/claims/claim/{published.pk}/history/")
    assert chief.locator("#claim-timeline").is_visible()
    chief.screenshot(path=SHOTS / f"claim-history-{size}.png", full_page=True)
