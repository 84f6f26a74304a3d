"""Full-text search, the same on both databases: matches kept in step with every write, ranked
by relevance (the default sort with search words), with escaped, highlighted snippets."""

import pytest
from django.db import connection

from claims.apps import _keep_search_index
from claims.models import Claim
from claims.text.search import ensure_fts5_index, fts5_query, snippets
from tests.factories import make_appearance, make_article, make_claimant, make_sourced_claim

pytestmark = pytest.mark.django_db


def _texts(response) -> list[str]:
    pks = [row.pk for row in response.context["listing"].page.object_list]
    texts = dict(Claim.objects.filter(pk__in=pks).values_list("pk", "text"))
    return [texts[pk] for pk in pks]


@pytest.fixture
def sanctions():
    """One claim that is all about sanctions, one that mentions them once in a long text."""
    about = make_sourced_claim("Sanctions, sanctions and more sanctions will bite.")
    long_text = "Talks will resume after the summit; " * 12 + "sanctions stay."
    mention = make_sourced_claim(long_text)
    return about, mention


def test_best_match_is_the_default_sort_with_search_words(client, sanctions):
    about, mention = sanctions
    response = client.get("/claims/", {"q": "sanctions"})
    assert response.context["listing"].filterset.form.cleaned_data["sort"] == "relevance"
    assert _texts(response) == [about.text, mention.text]
    # Without search words there is nothing to rank by: newest first, and no error.
    assert client.get("/claims/", {"sort": "relevance"}).status_code == 200


def test_a_chosen_sort_still_wins_over_relevance(client, sanctions):
    about, mention = sanctions
    Claim.objects.filter(pk=about.pk).update(made_on="2001-01-01")
    assert _texts(client.get("/claims/", {"q": "sanctions", "sort": "newest"}))[0] == mention.text


def test_snippets_mark_the_match_and_escape_the_rest(client):
    claimant = make_claimant("Kim Jong Un")
    claim = make_sourced_claim(
        "<script>alert(1)</script> The summit will happen.", claimant=claimant
    )
    response = client.get("/claims/", {"q": "summit"})
    body = response.content.decode()
    assert "<mark>summit</mark>" in body
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body
    assert snippets(Claim.objects.all(), [claim.pk], "nothing-like-it") == {}


def test_a_snippet_names_the_field_that_matched_and_never_repeats_the_claim(client):
    rogin = make_claimant("Josh Rogin")
    claim = make_sourced_claim("Pressure on North Korea is easing over time.", claimant=rogin)
    make_appearance(
        claim, make_article(text="The problem is that sanctions enforcement is slipping."),
        quote="The problem is that sanctions enforcement is slipping",
    )  # fmt: skip
    by_quote = snippets(Claim.objects.all(), [claim.pk], "sanctions")[claim.pk]
    assert by_quote.text is None  # nothing to mark in the claim's own words
    assert by_quote.elsewhere == (
        '<span class="snippet-field">Quote:</span> '
        "“The problem is that <mark>sanctions</mark> enforcement is slipping”"
    )
    by_name = snippets(Claim.objects.all(), [claim.pk], "rogin")[claim.pk]
    assert (
        by_name.elsewhere == '<span class="snippet-field">Claimant:</span> Josh <mark>Rogin</mark>'
    )
    in_text = snippets(Claim.objects.all(), [claim.pk], "easing")[claim.pk]
    assert in_text.text == "Pressure on North Korea is <mark>easing</mark> over time."
    assert in_text.elsewhere == ""
    page = client.get("/claims/", {"q": "rogin sanctions"}).content.decode()
    assert "over time. Josh Rogin The problem" not in page  # fields never run together
    assert "Claimant:</span> Josh <mark>Rogin</mark> · " in page


def test_a_quote_edit_is_searchable_at_once(client):
    claim = make_sourced_claim("Talks will resume.")
    article = make_article(text="He said the zeppelin would land in a couple of weeks.")
    appearance = make_appearance(claim, article, quote="in a couple of weeks")
    assert _texts(client.get("/claims/", {"q": "zeppelin"})) == []
    appearance.quote = "the zeppelin would land"
    appearance.save()
    assert _texts(client.get("/claims/", {"q": "zeppelin"})) == [claim.text]
    Claim.objects.filter(pk=claim.pk).delete()
    assert _texts(client.get("/claims/", {"q": "zeppelin"})) == []


def test_a_claimant_rename_is_searchable(client):
    claimant = make_claimant("Pat Example")
    claim = make_sourced_claim("Talks will resume.", claimant=claimant)
    claimant.name = "Bartholomew Example"
    claimant.save()
    assert _texts(client.get("/claims/", {"q": "bartholomew"})) == [claim.text]
    assert _texts(client.get("/claims/", {"q": "pat"})) == []


def test_stemming_phrases_and_exclusions(client):
    summit = make_sourced_claim("The leaders met at two summits.")
    talks = make_sourced_claim("The leaders will talk again.")
    assert _texts(client.get("/claims/", {"q": "summit"})) == [summit.text]  # stemmed
    assert _texts(client.get("/claims/", {"q": "leaders -summit"})) == [talks.text]
    assert _texts(client.get("/claims/", {"q": '"talk again"'})) == [talks.text]
    assert sorted(_texts(client.get("/claims/", {"q": "summits or talk"}))) == sorted(
        [summit.text, talks.text]
    )


def test_the_admin_searches_the_index(editor_client):
    article = make_article(text="A quote only the admin would look for: zanzibarite.")
    claim = make_sourced_claim("Talks will resume.")
    make_appearance(claim, article, quote="zanzibarite")
    response = editor_client.get("/admin/claims/claim/", {"q": "zanzibarite"})
    assert [c.pk for c in response.context["cl"].result_list] == [claim.pk]
    assert editor_client.get("/admin/claims/claim/", {"q": '"-"'}).status_code == 200


@pytest.mark.parametrize(
    "q, expected",
    [
        ("kim summit", '"kim" AND "summit"'),
        ('"final, fully verified" -china', '"final fully verified" NOT "china"'),
        ("missiles or sanctions", '("missiles" OR "sanctions")'),
        ("NEAR(a b) * ^ :", '"NEAR a" AND "b"'),  # FTS5 syntax is only words here
        ("!!! -kim", ""),
    ],
)
def test_websearch_queries_become_safe_fts5(q, expected):
    assert fts5_query(q) == expected


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index and triggers")
def test_a_table_rebuild_does_not_lose_the_sqlite_index(client):
    # What a migration that makes SQLite rebuild claims_claim does: the triggers are gone.
    with connection.cursor() as cursor:
        for trigger in ("insert", "update", "delete"):
            cursor.execute(f"DROP TRIGGER claims_claim_fts_{trigger}")
    claim = make_sourced_claim("Written while the index was not kept: zeppelins.")
    assert _texts(client.get("/claims/", {"q": "zeppelins"})) == []
    _keep_search_index(sender=None)  # what runs after every migrate
    assert _texts(client.get("/claims/", {"q": "zeppelins"})) == [claim.text]
    assert ensure_fts5_index(connection) is False  # nothing left to do


def test_too_many_matches_to_rank_are_newest_first_and_say_so(client, settings):
    settings.EXACT_COUNT_CAP = 2
    claims = [
        make_sourced_claim(f"Sanctions claim {i}.", made_on=f"2019-0{i}-01") for i in (1, 2, 3)
    ]
    response = client.get("/claims/", {"q": "sanctions"})
    assert _texts(response) == [c.text for c in reversed(claims)]
    assert "too many to rank by best match" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner estimates")
def test_a_word_the_statistics_call_common_is_not_probed(client, monkeypatch):
    """On PostgreSQL a search the planner estimates past SURELY_LARGE skips the probe (which
    would build the bitmap of every match): the same claims, newest first, counted from the
    estimates (here, on a small table, exactly: they contradict a large list)."""
    from django.test.utils import CaptureQueriesContext

    from claims.pages import listing

    claims = [
        make_sourced_claim(f"Sanctions claim {i}.", made_on=f"2019-0{i}-01") for i in (1, 2, 3)
    ]
    monkeypatch.setattr(listing, "SURELY_LARGE", 0)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/claims/", {"q": "sanctions"})
    assert _texts(response) == [c.text for c in reversed(claims)]
    assert response.context["listing"].total == 3
    # No probe: the one ungrouped read of up to COUNT_CAP + 1 matches (the facets' reads of
    # as many are grouped).
    ungrouped = [
        q["sql"] for q in queries if "LIMIT 1001" in q["sql"] and "GROUP BY" not in q["sql"]
    ]
    assert ungrouped == []
