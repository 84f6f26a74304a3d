"""The public claim list: filters, search, sort, counts, pagination and bad input."""

import datetime

import pytest
from django.test import override_settings

from claims.models import Claim, ClaimStatus, Verdict
from tests.factories import (
    make_appearance,
    make_article,
    make_claim,
    make_claimant,
    make_outcome,
    make_topic,
)

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def desk():
    """A small newsroom desk of published claims (and one draft)."""
    pompeo = make_claimant("Mike Pompeo")
    bolton = make_claimant("John Bolton")
    talks = make_topic("Working-level talks")
    resume = make_claim(
        "Talks will resume in a couple of weeks.",
        claimant=pompeo,
        made_on=D(2019, 7, 1),
        check_by=D(2019, 7, 15),
        topics=[talks],
    )
    make_appearance(resume, make_article("Stalled"), quote="in a couple of weeks")
    make_outcome(resume, Verdict.FALSE, D(2019, 10, 5))
    summit = make_claim(
        "We are ready for a third summit whenever they are.",
        claimant=bolton,
        kind="promise",
        made_on=D(2019, 6, 3),
    )
    make_outcome(summit, Verdict.MOSTLY_TRUE, D(2019, 6, 30))
    overdue = make_claim(
        "Sanctions will be tightened by year end.",
        claimant=bolton,
        made_on=D(2018, 8, 27),
        check_by=D(2018, 12, 31),
    )
    draft = make_claim("A draft nobody may see.", claimant=pompeo, status=ClaimStatus.DRAFT)
    return {"resume": resume, "summit": summit, "overdue": overdue, "draft": draft}


def shown(response):
    pks = [row.pk for row in response.context["listing"].page.object_list]
    slugs = dict(Claim.objects.filter(pk__in=pks).values_list("pk", "slug"))
    return [slugs[pk] for pk in pks]


def test_default_list_is_published_newest_first(client, desk):
    response = client.get("/claims/")
    assert response.status_code == 200
    assert shown(response) == [desk["resume"].slug, desk["summit"].slug, desk["overdue"].slug]
    assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"claimant": "john-bolton"}, ["summit", "overdue"]),
        ({"claimant": ["john-bolton", "mike-pompeo"]}, ["resume", "summit", "overdue"]),
        ({"verdict": "false"}, ["resume"]),
        ({"verdict": ["false", "pending"]}, ["resume", "overdue"]),
        ({"kind": "promise"}, ["summit"]),
        ({"topic": "working-level-talks"}, ["resume"]),
        ({"made_after": "2019-06-03"}, ["resume", "summit"]),
        ({"made_before": "2019-06-03"}, ["summit", "overdue"]),
        ({"overdue": "1"}, ["overdue"]),
        ({"q": "couple weeks"}, ["resume"]),
        ({"q": "Bolton", "sort": "newest"}, ["summit", "overdue"]),  # the claimant’s name
        ({"sort": "oldest"}, ["overdue", "summit", "resume"]),
        ({"sort": "check_by"}, ["overdue", "resume", "summit"]),
        ({"sort": "resolved"}, ["resume", "summit", "overdue"]),
        (
            {"claimant": "john-bolton", "verdict": "pending", "made_before": "2019-01-01"},
            ["overdue"],
        ),
    ],
)
def test_filters(client, desk, query, expected):
    response = client.get("/claims/", query)
    assert response.status_code == 200
    assert shown(response) == [desk[name].slug for name in expected]


def test_search_matches_quotes(client, desk):
    response = client.get("/claims/", {"q": "couple"})
    assert shown(response) == [desk["resume"].slug]


def test_verdict_counts_follow_the_filter(client, desk):
    response = client.get("/claims/", {"claimant": "john-bolton"})
    counts = {value: n for value, _, n in response.context["listing"].verdict_counts}
    assert counts == {"mostly_true": 1, "pending": 1}
    assert "2 claims" in response.content.decode()


def test_empty_result_says_so_and_offers_to_clear(client, desk):
    response = client.get("/claims/", {"q": "zeppelin"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "No published claims match these filters." in body
    assert 'href="/claims/">Clear all filters' in body


@override_settings(CLAIMS_PER_PAGE=2)
def test_pagination_keeps_filters(client, desk):
    response = client.get("/claims/", {"claimant": ["john-bolton", "mike-pompeo"]})
    body = response.content.decode()
    assert 'href="?claimant=john-bolton&amp;claimant=mike-pompeo&amp;page=2"' in body
    page2 = client.get("/claims/", {"claimant": ["john-bolton", "mike-pompeo"], "page": 2})
    assert shown(page2) == [desk["overdue"].slug]


def test_list_links_to_export_of_the_same_filter(client, desk):
    body = client.get("/claims/", {"verdict": "false", "page": 1}).content.decode()
    assert 'href="/claims/export.csv?verdict=false"' in body


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        (
            {"made_after": "yesterday"},
            400,
            "Made on or after: Enter a valid date, written YYYY-MM-DD.",
        ),
        ({"made_after": "２０１９-01-01"}, 400, "Made on or after: Enter a valid date"),
        ({"made_before": "2019-13-01"}, 400, "Made on or before: Enter a valid date"),
        ({"made_before": "2019-1-1"}, 400, "Made on or before: Enter a valid date"),
        ({"verdict": "banana"}, 400, "banana is not one of the available choices"),
        ({"claimant": "nobody-at-all"}, 400, "Claimant: Select a valid choice"),
        ({"sort": "random"}, 400, "Sort by: Select a valid choice"),
        ({"page": "999999"}, 404, "Page 999999 does not exist: these results have 1 page(s)."),
        ({"page": "-1"}, 400, "Page: must be a whole number of 1 or more."),
        ({"page": "two"}, 400, "Page: must be a whole number of 1 or more."),
        ({"page": "²"}, 400, "Page: must be a whole number of 1 or more."),
        ({"page": "١"}, 400, "Page: must be a whole number of 1 or more."),
        ({"page": "9" * 40}, 400, "Page: must be a whole number of 1 or more."),
        ({"q": "x" * 10_000}, 400, "Search: Ensure this value has at most 200 characters"),
    ],
)
def test_bad_input_gets_a_helpful_page(client, desk, query, status, message):
    response = client.get("/claims/", query)
    assert response.status_code == status
    assert message in response.content.decode()
    assert 'href="/claims/">Clear all filters' in response.content.decode()


@pytest.mark.parametrize("q", ['"unbalanced', "-", "OR OR", "a & b | !c", "':*"])
def test_odd_search_syntax_never_fails(client, desk, q):
    assert client.get("/claims/", {"q": q}).status_code == 200


def test_topic_page_reuses_the_list(client, desk):
    response = client.get("/topics/working-level-talks/")
    assert response.status_code == 200
    assert shown(response) == [desk["resume"].slug]
    assert "<title>Claims on Working-level talks · claimtrack</title>" in response.content.decode()


def test_the_filter_forms_class_is_built_once_and_reads_claimants_afresh(client):
    from django.http import QueryDict

    from claims.pages.filters import ClaimFilter

    make_claim("Talks will resume.", claimant=make_claimant("Mike Pompeo"))
    first = ClaimFilter(QueryDict("claimant=mike-pompeo"), queryset=Claim.objects.published())
    assert first.is_valid()
    # A claimant whose first claim is published after the form's class was built is a
    # valid choice at once: the class is shared, its claimants are read per form.
    make_claim("A summit will be held.", claimant=make_claimant("Stephen Biegun"))
    later = ClaimFilter(QueryDict("claimant=stephen-biegun"), queryset=Claim.objects.published())
    assert type(later.form) is type(first.form)
    assert later.is_valid() and [c.text for c in later.qs] == ["A summit will be held."]
    response = client.get("/claims/?claimant=stephen-biegun")
    assert response.status_code == 200 and "A summit will be held." in response.content.decode()


def test_a_list_request_parses_its_query_once(client, monkeypatch):
    """The listing, every facet's counts, the chips and the histogram read one parsed query
    (ClaimFilter), never the query string again through a FilterSet of their own."""
    from claims.pages.filters import ClaimFilter

    make_claim("Talks will resume.")
    client.get("/claims/")  # every URL's module imported (the API describes its filters)
    built = []
    original = ClaimFilter.__init__

    def counting(self, *args, **kwargs):
        built.append(args[0] if args else kwargs.get("data"))
        original(self, *args, **kwargs)

    monkeypatch.setattr(ClaimFilter, "__init__", counting)
    response = client.get("/claims/", {"verdict": "false", "kind": "promise", "q": "talks"})
    assert response.status_code == 200
    assert len(built) == 1
    assert response.context["chips"]  # read from the same parsed query
