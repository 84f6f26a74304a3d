"""Anonymous pages from the cache: an unchanged page costs one query, any
committed change (an edit, a publication, an outcome, a merge) is on the very next request,
signed-in editors never get a cached page, and the security headers are on every response.
A page from the cache skips the middleware below claims.pages.caching.PageCacheMiddleware, so its
headers from there (CSP, framing) are the ones kept with it. Run against local memory and
against the real Redis server."""

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory

from claims import workflow
from claims.models import Claim, ClaimStatus, Verdict
from claims.pages.caching import PageCacheMiddleware
from tests.factories import make_claim, make_outcome, make_sourced_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings, each_cache):
    settings.PAGE_CACHE_SECONDS = 300
    return each_cache


def test_an_unchanged_page_costs_one_query(client, page_cache, django_assert_num_queries):
    claim = make_sourced_claim("Talks will resume.")
    first = client.get(claim.get_absolute_url())
    with django_assert_num_queries(1):  # the record's generation
        again = client.get(claim.get_absolute_url())
    assert again.content == first.content
    assert "default-src 'self'" in again["Content-Security-Policy"]  # kept with the page
    assert again["X-Content-Type-Options"] == "nosniff"  # added afresh, above the cache
    assert again["X-Request-ID"] != first["X-Request-ID"]


def test_an_edit_is_on_the_very_next_request(client, page_cache):
    with page_cache(execute=True):
        claim = make_sourced_claim("Talks will resume.")
    assert "Talks will resume." in client.get("/claims/").content.decode()
    with page_cache(execute=True):  # the edit commits
        Claim.objects.filter(pk=claim.pk).update(text="Talks will resume in July.")
    assert "Talks will resume in July." in client.get("/claims/").content.decode()
    with page_cache(execute=True):  # an outcome
        make_outcome(claim, verdict=Verdict.TRUE, explanation="They did.")
    assert "They did." in client.get("/claims/").content.decode()


def test_publishing_and_merging_retire_cached_pages(client, page_cache, chief_editor):
    with page_cache(execute=True):
        draft = make_sourced_claim("Sanctions stay.", status=ClaimStatus.DRAFT)
        kept = make_claim("Sanctions will stay.")
    assert "Sanctions stay." not in client.get("/claims/").content.decode()
    with page_cache(execute=True):
        workflow.publish(draft, chief_editor)
    assert "Sanctions stay." in client.get("/claims/").content.decode()
    with page_cache(execute=True):
        workflow.merge(kept, [Claim.objects.get(pk=draft.pk)], chief_editor)
    assert "Sanctions stay." not in client.get("/claims/").content.decode()


def test_editors_and_errors_are_never_cached(editor_client, page_cache):
    # A page built afresh renders its template (the test client sees its context); a page
    # from the cache does not.
    make_sourced_claim("Talks will resume.")
    reader = Client()
    assert reader.get("/claims/").context is not None
    assert reader.get("/claims/").context is None  # from the cache
    assert editor_client.get("/claims/").context is not None  # signed in: built for them
    assert editor_client.get("/claims/").context is not None
    assert reader.get("/claims/?page=99").status_code == 404
    missing = reader.get("/claims/?page=99")
    assert missing.status_code == 404 and missing.context is not None  # errors not kept


def test_a_reader_with_a_session_or_messages_gets_a_page_built_for_them(client, page_cache):
    make_sourced_claim("Talks will resume.")
    client.get("/claims/")
    assert client.get("/claims/").context is None  # from the cache
    for cookie in ("sessionid", "messages"):
        carrying = Client()
        carrying.cookies[cookie] = "anything"
        assert carrying.get("/claims/").context is not None
        assert carrying.get("/claims/").context is not None


@pytest.mark.parametrize("sets_cookie, builds", [(False, 1), (True, 2)])
def test_a_response_that_sets_a_cookie_is_not_kept(page_cache, sets_cookie, builds):
    built = []

    def view(request):
        response = HttpResponse("hello")
        response.page_cacheable = True  # as cached_page marks a complete page
        if sets_cookie:
            response.set_cookie("csrftoken", "a-token")
        built.append(response)
        return response

    middleware = PageCacheMiddleware(view)
    answers = [middleware(RequestFactory().get("/claims/")) for _ in range(2)]
    assert [answer.content for answer in answers] == [b"hello", b"hello"]
    assert len(built) == builds  # a cookie is never handed to another reader


def test_the_embed_card_stays_frameable_from_the_cache(client, page_cache):
    claim = make_sourced_claim("Talks will resume.")
    url = f"/claims/{claim.slug}/embed/"
    client.get(url)
    cached = client.get(url)
    assert cached.context is None  # from the cache
    assert "frame-ancestors *" in cached["Content-Security-Policy"]
    assert "X-Frame-Options" not in cached
    # Every other page still refuses framing, cached or not.
    client.get("/claims/")
    assert client.get("/claims/")["X-Frame-Options"] == "DENY"


def test_the_api_answers_from_the_cache_and_retires_it(
    client, page_cache, django_assert_num_queries
):
    with page_cache(execute=True):
        claim = make_sourced_claim("Talks will resume.")
    url = f"/api/claims/{claim.pk}/"
    first = client.get(url)
    with django_assert_num_queries(1):  # the record's generation
        again = client.get(url)
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"] == "application/json"
    assert again["ETag"] == first["ETag"]
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    with page_cache(execute=True):
        Claim.objects.filter(pk=claim.pk).update(text="Talks will resume in July.")
    assert client.get(url).json()["claim"] == "Talks will resume in July."


def test_cached_api_answers_still_count_against_the_rate_limit(client, page_cache, settings):
    settings.API_RATE = "3/m"
    statuses = [client.get("/api/topics/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/topics/")  # a kept answer: refused with the API's own 429
    assert int(limited["Retry-After"]) > 0 and "throttled" in limited.json()["errors"]["detail"][0]


def test_a_kept_api_answer_is_served_before_the_framework(client, page_cache, monkeypatch):
    """A kept answer costs what a kept page does: the framework (its throttle, its content
    negotiation) does not run for it; the shared count and the 304 still hold."""
    from rest_framework.views import APIView

    first = client.get("/api/topics/")
    assert first.status_code == 200
    monkeypatch.setattr(APIView, "dispatch", lambda *a, **k: 1 / 0)  # the framework, gone
    again = client.get("/api/topics/")
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert client.get("/api/topics/", headers={"if-none-match": first["ETag"]}).status_code == 304


def test_the_apis_kept_summaries_and_total_follow_every_change(client, settings, each_cache):
    settings.FRAGMENT_CACHE_SECONDS = 300  # parts kept, whole answers not (page cache off)
    with each_cache(execute=True):
        claim = make_sourced_claim("Talks will resume.")
    first = client.get("/api/claims/").json()
    assert first["total"] == 1 and first["results"][0]["claim"] == "Talks will resume."
    with each_cache(execute=True):
        Claim.objects.filter(pk=claim.pk).update(text="Talks will resume in July.")
        make_sourced_claim("Sanctions will stay.")
    after = client.get("/api/claims/").json()
    assert after["total"] == 2
    assert "Talks will resume in July." in [row["claim"] for row in after["results"]]
