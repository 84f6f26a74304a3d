"""Drafts appear nowhere in public: not in lists, pages, claimant or article pages, or CSV."""

import pytest

from claims.models import ClaimStatus
from tests.factories import make_appearance, make_article, make_claim, make_claimant

pytestmark = pytest.mark.django_db

SECRET = "A draft claim still being checked."


@pytest.fixture
def draft():
    claimant = make_claimant("Draft Only Person")
    article = make_article("Draft article")
    claim = make_claim(SECRET, claimant=claimant, status=ClaimStatus.DRAFT)
    make_appearance(claim, article, quote="We are ready when they are.")
    return claim


@pytest.mark.parametrize(
    "url",
    ["/", "/claims/", "/claims/?q=draft", "/claims/?verdict=pending", "/claims/export.csv"],
)
def test_lists_and_export_leave_drafts_out(client, draft, url):
    response = client.get(url)
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    assert SECRET not in body
    assert "Draft Only Person" not in body


def test_draft_detail_is_404(client, draft):
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_claimant_and_article_with_only_drafts_are_404(client, draft):
    assert client.get(draft.claimant.get_absolute_url()).status_code == 404
    assert client.get(draft.appearances.get().article.get_absolute_url()).status_code == 404


def test_shared_article_hides_the_draft_quote(client, draft):
    article = draft.appearances.get().article
    published = make_claim("A published claim.")
    make_appearance(published, article, quote="in a couple of weeks")
    body = client.get(article.get_absolute_url()).content.decode()
    assert "A published claim." in body
    assert SECRET not in body
    assert draft.get_absolute_url() not in body


def test_claimant_page_hides_their_drafts(client, draft):
    make_claim("Published by the same person.", claimant=draft.claimant)
    body = client.get(draft.claimant.get_absolute_url()).content.decode()
    assert "Published by the same person." in body
    assert SECRET not in body
    assert "1 published claim" in body
