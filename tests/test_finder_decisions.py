"""The desk's decisions on the finder's candidates, on the article's candidates page: a
claim opens the claim form filled in, a repeat adds the sentence as the claim's new quote,
"not a claim" needs a reason and hides the sentence for good; each decision is stored, and a
sentence the text no longer holds is refused with a message."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from claims.models import Appearance, Article, FinderDecision, FinderVerdict
from tests.factories import make_appearance, make_claim, make_claimant, make_user

pytestmark = pytest.mark.django_db
TEXT = (
    "Talks Stall Again\n"
    "Mike Pompeo said negotiations would resume in a couple of weeks.\n"
    "The weather in Stockholm was mild on Saturday.\n"
    "Officials said the North Korean delegation walked out after only eight hours of talks.\n"
)


@pytest.fixture
def article(db):
    make_claimant("Mike Pompeo", slug="mike-pompeo")
    return Article.objects.create(
        slug="talks-stall", title="Talks stall", text=TEXT, published_on=datetime.date(2019, 10, 5)
    )


def _page(article):
    return f"/admin/claims/article/{article.pk}/finder/"


def _span(words):
    start = TEXT.index(words)
    return {"start": start, "end": TEXT.index("\n", start)}


def test_the_page_lists_candidates_best_first_with_reasons(editor_client, article):
    page = editor_client.get(_page(article)).content.decode()
    pompeo, weather = page.index("Mike Pompeo said"), page.index("The weather in Stockholm")
    assert pompeo < weather
    assert "attributed (“said”)" in page and "looks like a <strong>prediction</strong>" in page
    assert "check by <strong>2019-10-19</strong>" in page
    assert "no full stop (a headline, caption or credit?)" in page  # "Talks Stall Again"


def test_a_claim_opens_the_claim_form_filled_in(editor_client, editor, article):
    answer = editor_client.post(_page(article), {**_span("Mike Pompeo"), "action": "claim"})
    form = urlsplit(answer["Location"])
    assert form.path == "/admin/claims/claim/add/"
    params = {k: v[0] for k, v in parse_qs(form.query).items()}
    assert params["quote"] == TEXT.splitlines()[1] and params["at"] == str(TEXT.index("Mike"))
    assert params["kind"] == "prediction" and params["check_by"] == "2019-10-19"
    page = editor_client.get(answer["Location"]).content.decode()
    assert "negotiations would resume in a couple of weeks" in page
    decision = FinderDecision.objects.get()
    assert (decision.verdict, decision.decided_by) == (FinderVerdict.ACCEPTED, editor)


def test_a_repeat_becomes_the_claims_new_quote_anchored(editor_client, article):
    claim = make_claim("The North Korean delegation walked out of the Stockholm talks.")
    words = "the North Korean delegation walked out after only eight hours of talks."
    make_appearance(claim, quote=words, article=Article.objects.create(
        slug="first", title="First report", text=f"Officials said {words}\n"))  # fmt: skip
    page = editor_client.get(_page(article)).content.decode()
    assert "Probably a repeat of" in page
    span = _span("Officials said the North")
    answer = editor_client.post(_page(article), {**span, "action": "repeat", "claim": claim.pk})
    assert answer.status_code == 302
    added = Appearance.objects.get(claim=claim, article=article)
    assert (added.quote_start, added.quote_end) == (span["start"], span["end"])
    assert FinderDecision.objects.get().claim == claim
    again = editor_client.post(_page(article), {**span, "action": "repeat", "claim": claim.pk},
                               follow=True)  # fmt: skip
    assert "already quoted from this article" in again.content.decode()
    assert Appearance.objects.filter(claim=claim, article=article).count() == 1


def test_not_a_claim_needs_a_reason_and_is_never_proposed_again(editor_client, article):
    span = _span("The weather")
    blank = editor_client.post(_page(article), {**span, "action": "reject", "reason": " "},
                               follow=True)  # fmt: skip
    assert "Say why it is not a claim" in blank.content.decode()
    assert not FinderDecision.objects.exists()
    why = {"reason": "a question", "reason_other": "small talk about the weather"}
    editor_client.post(_page(article), {**span, "action": "reject", **why})
    assert FinderDecision.objects.get().reason == "small talk about the weather"
    page = editor_client.get(_page(article)).content.decode()
    listed = page.split("Decided (1)")[0]
    assert 'id="c-' + str(span["start"]) + '"' not in listed


def test_a_sentence_the_text_no_longer_holds_is_refused(editor_client, article):
    span = _span("The weather")
    Article.objects.filter(pk=article.pk).update(text=TEXT.replace("The weather", "Weather"))
    answer = editor_client.post(_page(article), {**span, "action": "reject", "reason": "x"},
                                follow=True)  # fmt: skip
    assert "no longer in the article as it was listed" in answer.content.decode()
    assert not FinderDecision.objects.exists()


def test_only_editors_decide(client, article):
    assert client.get(_page(article)).status_code == 302  # to the sign-in page
    client.force_login(make_user("reader", is_staff=True))
    assert client.get(_page(article)).status_code == 403
    assert (
        client.post(_page(article), {**_span("The weather"), "action": "claim"}).status_code == 403
    )
    assert not FinderDecision.objects.exists()


def test_the_pages_queries_are_bundled(editor_client, article, django_assert_num_queries):
    make_claim("The North Korean delegation walked out of the Stockholm talks.")  # one to match
    editor_client.get(_page(article))
    # The matching: the words' rarity (the sentences' lexemes on PostgreSQL, FTS5's counts
    # on SQLite), the claims each sentence may repeat, those claims, and their quotes.
    with django_assert_num_queries(16):
        editor_client.get(_page(article))


def test_another_language_is_said_and_no_kind_is_guessed(editor_client):
    text = ("Die Gespräche werden in zwei Wochen fortgesetzt, sagte der Minister am Montag. "
            "Das ist nicht sicher, meinen die Beobachter in Berlin.\n")  # fmt: skip
    article = Article.objects.create(slug="de", title="Gespräche", text=text)
    page = editor_client.get(_page(article)).content.decode()
    assert "does not read as English" in page
    assert "kind not guessed" in page and "looks like a" not in page
