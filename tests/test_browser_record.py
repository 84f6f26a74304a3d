"""Track records and the list in a real Chromium: the phone layout (filters
folded, claims on the first screen) and the desktop one, screenshots of both kept in
test-artifacts/, and axe-core finding no serious or critical accessibility violation on
the public pages and the admin claim form."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser import SHOTS, sign_in
from tests.factories import make_appearance, make_article, make_chief_editor, make_topic
from tests.test_track_records import ADA, _claims

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}


@pytest.fixture
def record():
    from claims.models import Claim, Claimant

    topic = make_topic("Summits")
    ada = Claimant.objects.create(name="Ada Example", slug="ada-example", kind="person")
    _claims(ada, ADA, topic)
    bob = Claimant.objects.create(name="Bob Other", slug="bob-other", kind="person")
    _claims(bob, [ADA[0]])
    article = make_article("Talks stall")
    claim = Claim.objects.filter(claimant=ada).order_by("pk").first()
    make_appearance(claim, article)
    make_chief_editor()
    return {"claimant": ada, "topic": topic, "article": article, "claim": claim}


def serious(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']}: "
        + " | ".join(node["html"][:160] for node in v["nodes"][:4])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_phone_layout_shows_claims_first_and_desktop_shows_filters(browser, live_server, record):
    phone = browser.new_context(viewport=PHONE).new_page()
    phone.goto(f"{live_server.url}/claims/?kind=prediction")
    first = phone.locator("ol.claims > li").first.bounding_box()
    assert first["y"] < PHONE["height"], "the first claim is below the first screen"
    assert not phone.locator("form.filters").is_visible()
    assert phone.locator(".filter-panel > summary").inner_text() == "Filters (1 active)"
    # The verdict comes first in each row.
    row = phone.locator("ol.claims > li").first
    assert row.locator("p").first.get_attribute("class") == "claim-verdict"
    phone.locator(".filter-panel > summary").click()  # opens without any script of ours
    assert phone.locator("form.filters").is_visible()

    desktop = browser.new_context(viewport=DESKTOP).new_page()
    desktop.goto(f"{live_server.url}/claims/")
    assert desktop.locator("form.filters").is_visible()
    assert not desktop.locator(".filter-panel > summary").is_visible()
    # Claimants are chosen by ticking, not Ctrl-click; typing narrows the list.
    desktop.fill("#claimant-find", "ada")
    assert not desktop.locator("#claimant-list label", has_text="Bob Other").is_visible()
    desktop.locator("#claimant-list label", has_text="Ada Example").click()
    desktop.click("text=Apply filters")
    assert "claimant=ada-example" in desktop.url
    assert desktop.locator(".chips").inner_text().startswith("Claimant: Ada Example")

    pages = {
        "list": "/claims/",
        "claimant": record["claimant"].get_absolute_url(),
        "record": "/record/",
        "topic": record["topic"].get_absolute_url(),
    }
    for size, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = browser.new_context(viewport=viewport).new_page()
        for name, url in pages.items():
            page.goto(f"{live_server.url}{url}")
            page.screenshot(path=SHOTS / f"record-{name}-{size}.png", full_page=True)
            # Nothing overflows sideways on a phone (a chart or a table wider than the screen).
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= viewport["width"], f"{name} at {size}: {overflow}px wide"


def test_axe_finds_no_serious_violations(browser, live_server, record):
    base = live_server.url
    reader = browser.new_context(viewport=DESKTOP, bypass_csp=True).new_page()
    found = []
    for url in [
        "/claims/",
        "/claims/?verdict=true&kind=prediction",
        record["claim"].get_absolute_url(),
        record["claimant"].get_absolute_url(),
        record["article"].get_absolute_url(),
        record["topic"].get_absolute_url(),
        "/record/",
        "/verdicts/",
    ]:
        reader.goto(f"{base}{url}")
        found += serious(reader)
    chief = sign_in(browser, base, "charles")
    chief.goto(f"{base}/admin/claims/claim/{record['claim'].pk}/change/")
    found += serious(chief)
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
def test_every_chart_label_sits_inside_its_segment_and_is_legible(
    browser, live_server, record, viewport
):
    """Each label written on a bar stays inside its segment's edges and is at least 11 px
    tall as drawn; a segment too narrow for its count carries its mark alone."""
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(f"{live_server.url}{record['claimant'].get_absolute_url()}")
    found = page.eval_on_selector_all(
        "svg.chart.bar g",
        """gs => gs.map(g => { const r = g.querySelector('rect').getBoundingClientRect();
             const t = g.querySelector('text'); if (!t) return [r.width, null];
             const b = t.getBoundingClientRect();
             return [r.width, t.textContent, r.left, r.right, b.left, b.right, b.height]; })""",
    )
    labelled = [f for f in found if f[1] is not None]
    assert labelled and len(labelled) == len(found)  # every segment here has a mark
    for _width, text, r_left, r_right, t_left, t_right, height in labelled:
        assert r_left <= t_left and t_right <= r_right, f"{text!r} spills out of its segment"
        assert height >= 11, f"{text!r} is {height:.1f} px tall"
    page.locator("svg.chart.bar").first.screenshot(
        path=SHOTS / f"chart-bar-{viewport['width']}.png"
    )
