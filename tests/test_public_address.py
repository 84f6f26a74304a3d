"""Every absolute URL the site publishes names the host of CLAIMTRACK_SITE_URL, never the
Host header a client sent (JSON-LD, feeds, oEmbed, the API, the data feed, the sitemap,
robots.txt, the CSV); a Host outside ALLOWED_HOSTS is still refused."""

import pytest

from tests.factories import make_outcome, make_sourced_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    claim = make_sourced_claim("Talks resume soon.")
    make_outcome(claim)
    return claim


def _body(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode()


def test_published_urls_name_the_site_not_the_host_asked(client, claim, settings):
    settings.SITE_URL = "https://claims.example.org"
    settings.ALLOWED_HOSTS = ["claims.example.org", "evil.example"]
    urls = [
        claim.get_absolute_url(),
        "/feeds/claims.atom",
        "/feeds/verdicts.atom",
        "/claims/feed.atom",
        f"/oembed?url=https://claims.example.org{claim.get_absolute_url()}",
        "/api/claims/",
        f"/api/claims/{claim.pk}/",
        "/claimreview.json",
        "/sitemap.xml",
        "/sitemap-claims.xml",
        "/robots.txt",
        "/claims/export.csv",
    ]
    for url in urls:
        # Over HTTPS, as production serves every page (plain HTTP is redirected first).
        response = client.get(url, HTTP_HOST="evil.example", secure=True)
        assert response.status_code == 200, url
        body = _body(response)
        assert "evil.example" not in body, url
        assert "https://claims.example.org/" in body, url


def test_a_host_not_allowed_is_still_refused(client, settings):
    settings.ALLOWED_HOSTS = ["claims.example.org"]
    assert client.get("/claims/", HTTP_HOST="evil.example").status_code == 400
