"""The claim form opened from an article (claims/editors/admin/passages.py): what it fills in, and
a clear message, never a wrong quote, for each thing that can be wrong with a passage."""

import re

import pytest

from claims.models import Appearance, Claim
from tests.factories import make_article, make_claim, make_claimant

pytestmark = pytest.mark.django_db
ADD = "/admin/claims/claim/add/"
TEXT = "WIRE 12 — Pompeo said talks would resume soon. Later, Pompeo said talks would resume soon."
WORDS = "talks would resume soon"


def _warnings(response) -> list[str]:
    return re.findall(r'<li class="warning">(.*?)</li>', response.content.decode())


def _quote_row(response) -> dict:
    return response.context["inline_admin_formsets"][0].formset.forms[0].initial


@pytest.fixture
def article():
    return make_article("Talks", text=TEXT, body_starts_at=len("WIRE 12 — "))


def test_a_passage_fills_in_the_form(editor_client, article):
    pompeo = make_claimant("Pompeo")
    make_claimant("Kim Jong Un")  # not named in the article
    at = TEXT.rindex(WORDS)
    response = editor_client.get(ADD, {"article": article.pk, "quote": WORDS, "at": at})
    assert _warnings(response) == []
    assert _quote_row(response) == {"article": article.pk, "quote": WORDS, "occurrence": at}
    form = response.context["adminform"].form
    assert form.initial["made_on"] == article.published_on
    assert form.initial["claimant"] == pompeo.pk  # the one claimant the article names
    assert "Named in this article" in str(form.fields["claimant"].help_text)


def test_a_quote_that_occurs_twice_asks_which_and_keeps_the_choice(editor_client, article):
    response = editor_client.get(ADD, {"article": article.pk, "quote": WORDS})
    assert "occur 2 times in the article" in _warnings(response)[0]
    claim = make_claim("Talks will resume soon.", status="draft")
    second = TEXT.rindex(WORDS)
    post = _change_post(editor_client, claim, article, occurrence="")
    assert "choose the one where the claim was made" in post.content.decode()
    assert not claim.appearances.exists()
    post = _change_post(editor_client, claim, article, occurrence=second)
    assert post.status_code == 302
    appearance = Appearance.objects.get(claim=claim)
    assert appearance.quote_start == second
    appearance.attribution_note = "officials said"
    appearance.save()  # a later save keeps the chosen place
    assert Appearance.objects.get(pk=appearance.pk).quote_start == second


def _change_post(client, claim, article, occurrence):
    page = client.get(f"/admin/claims/claim/{claim.pk}/change/")
    data = {
        key: value
        for key, value in page.context["adminform"].form.initial.items()
        if value is not None and key != "topics"
    }
    data.update(
        {
            "claimant": claim.claimant_id,
            "made_on": "2019-07-01",
            "made_on_precision": "day",
            "appearances-TOTAL_FORMS": 1,
            "appearances-INITIAL_FORMS": 0,
            "appearances-0-article": article.pk,
            "appearances-0-quote": WORDS,
            "appearances-0-occurrence": occurrence,
            "outcomes-TOTAL_FORMS": 0,
            "outcomes-INITIAL_FORMS": 0,
            "corrections-TOTAL_FORMS": 0,
            "corrections-INITIAL_FORMS": 0,
        }
    )
    return client.post(f"/admin/claims/claim/{claim.pk}/change/", data)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"quote": ""}, "No words were selected"),
        ({"quote": "words from somewhere else"}, "not in this article’s text"),
        ({"quote": "WIRE 12"}, "in the article’s page furniture, not its body"),
    ],
)
def test_a_bad_passage_is_explained_and_not_filled_in(editor_client, article, params, message):
    response = editor_client.get(ADD, {"article": article.pk, **params})
    assert response.status_code == 200
    assert message in _warnings(response)[0]
    assert "quote" not in _quote_row(response)
    assert not Claim.objects.exists()


def test_an_article_without_a_date_says_so(editor_client):
    undated = make_article("Undated", text=TEXT, published_on=None)
    response = editor_client.get(ADD, {"article": undated.pk})
    assert "has no date" in _warnings(response)[0]
    assert "made_on" not in response.context["adminform"].form.initial


def test_the_article_page_marks_quotes_already_used(editor_client, article):
    claim = make_claim("Talks will resume soon.")
    Appearance.objects.create(claim=claim, article=article, quote=WORDS)
    page = editor_client.get(f"/admin/claims/article/{article.pk}/change/").content.decode()
    link = f'<mark><a href="/admin/claims/claim/{claim.pk}/change/">{WORDS}</a></mark>'
    assert link in page
    assert f'href="{ADD}?article={article.pk}"' in page  # the way in without JavaScript
