"""Content-Security-Policy: every public page type and the admin pages load in
Chromium with no policy violation reported, and the policy header is on every response."""

import pytest

from tests.browser import SHOTS, sign_in
from tests.factories import (
    make_appearance,
    make_article,
    make_chief_editor,
    make_claim,
    make_claimant,
    make_outcome,
    make_topic,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def watch(page, violations):
    def on_console(message):
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            violations.append(f"{page.url}: {text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: violations.append(f"{page.url}: {error}"))


def test_no_page_violates_the_policy(browser, live_server):
    topic = make_topic("Summits")
    claimant = make_claimant("Mike Pompeo")
    article = make_article("Talks stall")
    claim = make_claim("Talks will resume soon.", claimant=claimant, topics=[topic])
    make_appearance(claim, article)
    make_outcome(claim)
    make_chief_editor()
    base = live_server.url
    violations: list[str] = []

    reader = browser.new_context().new_page()
    watch(reader, violations)
    public = [
        "/",
        "/claims/?verdict=false&sort=oldest",
        claim.get_absolute_url(),
        claimant.get_absolute_url(),
        article.get_absolute_url(),
        topic.get_absolute_url(),
        "/record/",
        "/verdicts/",
        "/claims/?page=99",  # an error page
    ]
    for url in public:
        response = reader.goto(f"{base}{url}")
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    # The embeddable card (framed by anyone) and the API's docs (Swagger UI, from this site).
    reader.goto(f"{base}/claims/{claim.slug}/embed/")
    reader.screenshot(path=SHOTS / "embed-card.png")
    reader.goto(f"{base}/api/docs/")
    reader.wait_for_selector(".swagger-ui .info .title")
    assert "/api/claims/" in reader.content()
    reader.screenshot(path=SHOTS / "api-docs.png")

    chief = sign_in(browser, base, "charles")
    watch(chief, violations)
    for url in [
        "/admin/",
        "/admin/claims/claim/",
        f"/admin/claims/claim/{claim.pk}/change/",
        "/admin/claims/claim/add/",
        "/admin/claims/claim/review/",
        f"/admin/claims/article/{article.pk}/change/",
        f"/admin/claims/claim/{claim.pk}/history/",  # django-simple-history's list
    ]:
        chief.goto(f"{base}{url}")
        chief.wait_for_load_state("networkidle")
    # Open an autocomplete, which builds its dropdown with script.
    chief.goto(f"{base}/admin/claims/claim/add/")
    chief.click("#id_claimant + .select2 .select2-selection")
    chief.wait_for_selector(".select2-results__option")
    chief.screenshot(path=SHOTS / "csp-admin.png", full_page=True)
    assert violations == []
