"""Adding an article by pasting it: its text is kept byte for byte, and a second copy of an
article already entered (the same URL, or the same text) is caught before it is added."""

import pytest

from claims.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db
ADD = "/admin/claims/article/add/"
PASTED = "  SEOUL — The talks,\r\nsaid an official, “will resume.”\u00a0\n\n"


def _post(client, **fields):
    data = {
        "title": "Talks will resume",
        "slug": "talks-will-resume",
        "publication": "The Daily Record",
        "published_on": "2019-06-15",
        "published_on_precision": "day",
        "text": PASTED,
        "body_starts_at": 0,
        "version": 0,
        "appearances-TOTAL_FORMS": 0,
        "appearances-INITIAL_FORMS": 0,
        **fields,
    }
    return client.post(ADD, data)


def test_the_text_is_kept_byte_for_byte(editor_client):
    assert _post(editor_client).status_code == 302
    assert Article.objects.get().text == PASTED  # no trimming, no line-ending or space change


def test_the_same_text_is_caught_and_can_be_confirmed(editor_client):
    first = make_article("Talks", text=PASTED)
    page = _post(editor_client).content.decode()
    assert "An article with the same URL or the same text is already entered" in page
    assert f'href="/admin/claims/article/{first.pk}/change/"' in page
    assert Article.objects.count() == 1
    assert _post(editor_client, not_a_copy="on").status_code == 302
    assert Article.objects.count() == 2


def test_the_same_url_is_caught_and_never_added_twice(editor_client):
    make_article("Talks", url="https://news.example.org/talks", text="Another text.")
    page = _post(editor_client, url="https://news.example.org/talks").content.decode()
    assert "already entered" in page
    confirmed = _post(editor_client, url="https://news.example.org/talks", not_a_copy="on")
    assert "An article with this URL is already entered" in confirmed.content.decode()
    assert Article.objects.count() == 1
