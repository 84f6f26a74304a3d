"""Link checkers and monitors send HEAD: every public address that answers GET answers HEAD
the same way (status and headers, no body), never 405."""

from pathlib import Path

import pytest

from tests.factories import make_outcome, make_sourced_claim

pytestmark = pytest.mark.django_db


def test_head_answers_like_get_everywhere_readers_go(client):
    claim = make_sourced_claim("Talks resume soon.")
    make_outcome(claim)
    urls = [
        "/claims/",
        claim.get_absolute_url(),
        f"{claim.get_absolute_url()}embed/",
        f"/oembed?url=http://testserver{claim.get_absolute_url()}",
        "/robots.txt",
        "/claimreview.json",
        "/sitemap.xml",
        "/feeds/claims.atom",
        "/api/claims/",
    ]
    for url in urls:
        got, head = client.get(url), client.head(url)
        assert head.status_code == got.status_code == 200, url
        assert head["Content-Type"] == got["Content-Type"], url
        assert not (b"".join(head.streaming_content) if head.streaming else head.content), url


def test_the_favicon_is_found(client):
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("claims/favicon.svg")
    assert "<svg" in Path(finders.find("claims/favicon.svg")).read_text()
    page = client.get("/claims/").content.decode()
    assert 'rel="icon" href="/static/claims/favicon.svg"' in page
