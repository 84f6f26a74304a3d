"""Every admin page answers an editor and turns away an anonymous visitor."""

import datetime

import pytest
from django.urls import reverse

from claims.models import Appearance, Claim, Verdict
from tests.factories import (
    make_appearance,
    make_article,
    make_claim,
    make_claimant,
    make_outcome,
    make_topic,
)

pytestmark = pytest.mark.django_db

MODELS = ["claim", "claimant", "article", "topic", "appearance", "outcome", "evidencelink"]


@pytest.fixture
def one_of_each():
    claim = make_claim(topics=[make_topic()])
    appearance = make_appearance(claim)
    outcome = make_outcome(claim)
    link = outcome.links.create(title="Stockholm talks end", url="https://example.org/s")
    return {
        "claim": claim,
        "claimant": claim.claimant,
        "article": appearance.article,
        "topic": claim.topics.get(),
        "appearance": appearance,
        "outcome": outcome,
        "evidencelink": link,
    }


@pytest.mark.parametrize("model", MODELS)
def test_editor_sees_changelist_add_change_and_history(editor_client, one_of_each, model):
    obj = one_of_each[model]
    urls = [
        reverse(f"admin:claims_{model}_changelist"),
        reverse(f"admin:claims_{model}_add"),
        reverse(f"admin:claims_{model}_change", args=[obj.pk]),
        reverse(f"admin:claims_{model}_history", args=[obj.pk]),
    ]
    for url in urls:
        assert editor_client.get(url).status_code == 200, url


@pytest.mark.parametrize("model", MODELS)
def test_anonymous_is_sent_to_login(client, one_of_each, model):
    obj = one_of_each[model]
    for url in [
        reverse(f"admin:claims_{model}_changelist"),
        reverse(f"admin:claims_{model}_add"),
        reverse(f"admin:claims_{model}_change", args=[obj.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_changelist_filters_and_search(editor_client, one_of_each):
    url = reverse("admin:claims_claim_changelist")
    claim = one_of_each["claim"]
    for query in [
        {"verdict__exact": "false"},
        {"kind__exact": "prediction"},
        {"status__exact": "published"},
        {"claimant__id__exact": claim.claimant_id},
        {"claimant_name": claim.claimant.name[3:9]},
        {"topics__id__exact": claim.topics.get().pk},
        {"q": "couple of weeks"},  # found through the appearance's quote
        {"made_on__year": 2019},
    ]:
        response = editor_client.get(url, query)
        assert response.status_code == 200
        assert list(response.context["cl"].result_list) == [claim], query


def test_article_page_lists_its_claims(editor_client, one_of_each):
    article = one_of_each["article"]
    response = editor_client.get(reverse("admin:claims_article_change", args=[article.pk]))
    assert one_of_each["claim"].text[:40] in response.content.decode()


def _claim_form(claimant, article, quote):
    data = {
        "text": "Talks will resume within weeks.",
        "slug": "talks-will-resume-within-weeks",
        "kind": "prediction",
        "claimant": claimant.pk,
        "claimant_role": "Secretary of State",
        "made_on": "2019-07-01",
        "made_on_precision": "day",
        "check_by": "2019-07-15",
        "status": "draft",
        "version": "1",
        "appearances-TOTAL_FORMS": "1",
        "appearances-INITIAL_FORMS": "0",
        "appearances-0-article": article.pk,
        "appearances-0-quote": quote,
        "appearances-0-attribution_note": "",
        "outcomes-TOTAL_FORMS": "1",
        "outcomes-INITIAL_FORMS": "0",
        "outcomes-0-verdict": "false",
        "outcomes-0-decided_on": "2019-10-05",
        "outcomes-0-explanation": "Talks resumed only on 5 October 2019.",
    }
    return data


def test_editor_adds_claim_with_checked_quote_and_outcome(editor_client):
    claimant, article = make_claimant("Mike Pompeo"), make_article("Talks")
    data = _claim_form(claimant, article, 'would resume "in a couple of weeks."')
    response = editor_client.post(reverse("admin:claims_claim_add"), data)
    assert response.status_code == 302, response.context["errors"]
    claim = Claim.objects.get(slug="talks-will-resume-within-weeks")
    assert claim.appearances.get().quote_start is not None
    assert claim.verdict == Verdict.FALSE
    assert claim.verdict_on == datetime.date(2019, 10, 5)


def test_quote_not_in_article_is_a_form_error_and_nothing_is_saved(editor_client):
    claimant, article = make_claimant("Mike Pompeo"), make_article("Talks")
    data = _claim_form(claimant, article, "talks collapsed completely")
    response = editor_client.post(reverse("admin:claims_claim_add"), data)
    assert response.status_code == 200
    assert "does not occur in the text of “Talks”" in response.content.decode()
    assert not Claim.objects.exists()
    assert not Appearance.objects.exists()


def test_article_edit_that_orphans_quote_is_a_form_error(editor_client):
    appearance = make_appearance(make_claim("Talks resume soon."), quote="in a couple of weeks")
    article = appearance.article
    url = reverse("admin:claims_article_change", args=[article.pk])
    data = {
        "title": article.title,
        "slug": article.slug,
        "publication": article.publication,
        "byline": "",
        "url": "",
        "published_on": "2019-06-15",
        "published_on_precision": "day",
        "retrieved_on": "",
        "text": "A different text.",
        "appearances-TOTAL_FORMS": "1",
        "appearances-INITIAL_FORMS": "1",
        "appearances-MIN_NUM_FORMS": "0",
        "appearances-MAX_NUM_FORMS": "1000",
        "appearances-0-id": appearance.pk,
        "appearances-0-article": article.pk,
    }
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Talks resume soon." in response.content.decode()
    article.refresh_from_db()
    assert "couple of weeks" in article.text


def test_editor_cannot_delete_claims_or_articles(editor):
    assert not editor.has_perm("claims.delete_claim")
    assert not editor.has_perm("claims.delete_article")
    assert not editor.has_perm("claims.delete_claimant")
    assert editor.has_perm("claims.add_claim")
    assert editor.has_perm("claims.delete_outcome")


def test_changelist_lists_years_and_offers_a_claimant_box(editor_client):
    make_claim("An old claim.", made_on=datetime.date(2016, 5, 1))
    make_claim("A newer claim.", made_on=datetime.date(2019, 7, 1))
    body = editor_client.get(reverse("admin:claims_claim_changelist")).content.decode()
    assert "?made_on__year=2016" in body
    assert "?made_on__year=2019" in body
    assert "?made_on__year=2017" not in body  # no claims that year
    assert 'name="claimant_name"' in body
