"""Repeats: a claim reported again and again shows how many times and where, and
the list sorts by it. The count is kept in step with the quotes by every way of writing."""

import pytest

from claims.models import Appearance, Claim
from tests.factories import make_appearance, make_article, make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def repeated():
    claim = make_claim("Talks will resume in a couple of weeks.", slug="repeated")
    for i in range(3):
        make_appearance(claim, make_article(f"Report {i}", slug=f"report-{i}"))
    once = make_claim("Sanctions stay.", slug="once")
    make_appearance(once, make_article("Once", slug="once-article"))
    return claim, once


def test_the_count_follows_the_quotes(repeated):
    claim, _ = repeated
    assert Claim.objects.get(pk=claim.pk).appearance_count == 3
    Appearance.objects.filter(claim=claim).first().delete()
    assert Claim.objects.get(pk=claim.pk).appearance_count == 2
    Appearance.objects.filter(claim=claim).delete()  # a queryset delete counts too
    assert Claim.objects.get(pk=claim.pk).appearance_count == 0


def test_list_row_and_page_say_how_often_and_the_list_sorts_by_it(client, repeated):
    claim, once = repeated
    page = client.get("/claims/?sort=repeated").content.decode()
    assert page.index(claim.text) < page.index(once.text)
    assert "reported 3 times</a>" in page and "reported 1 times" not in page
    detail = client.get(claim.get_absolute_url()).content.decode()
    assert "Where it was said: reported 3 times" in detail
    assert detail.count('<figure class="appearance">') == 3
    oldest_first = client.get("/claims/?sort=oldest").content.decode()
    assert "Most often reported" in oldest_first  # offered in the sort menu
