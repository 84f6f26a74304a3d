"""Fuzzing the public query strings: hypothesis sends the list, the export,
the claimant and topic pages, the API, the feeds and oEmbed every kind of parameter and
value; none may answer 5xx or show a traceback. CLAIMTRACK_FUZZ_EXAMPLES sets how many
tries (200 by default)."""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_appearance, make_claim, make_claimant, make_outcome, make_topic

pytestmark = pytest.mark.django_db
EXAMPLES = int(os.environ.get("CLAIMTRACK_FUZZ_EXAMPLES", "200"))

NAMES = ["q", "claimant", "verdict", "kind", "topic", "made_after", "made_before", "overdue",
         "sort", "page", "x", "", "cursor", "limit", "url", "format", "maxwidth"]  # fmt: skip
TRICKY = ["²", "١", "２０１９-01-01", "2019-13-01", "-1", "0", "9" * 40, "\x00", "%", "'", '"',
          "<script>", "OR 1=1", "a & b | !c", "\ud7ff", "true", "false", "pending", "newest",
          "2019-06-12", "1",
          # Long runs of search operators: PostgreSQL once failed to plan them (a 500).
          "-" * 50, "- " * 60, "!-" * 60, "&-" * 60, "|-" * 60, "-(" * 60, '-"' * 60,
          "or " * 60, "<->" * 60]  # fmt: skip
values = st.one_of(st.sampled_from(TRICKY), st.text(max_size=40))
queries = st.lists(st.tuples(st.sampled_from(NAMES), values), max_size=6)


@pytest.fixture
def desk(settings):
    settings.EXPORT_RATE = "100000/m"  # the fuzzer is one client asking many times
    settings.API_RATE = "100000/m"
    claimant, topic = make_claimant("Mike Pompeo"), make_topic("Summits")
    claim = make_claim("Talks will resume soon.", claimant=claimant, topics=[topic])
    make_appearance(claim)
    make_outcome(claim)
    return {"claimant": claimant.get_absolute_url(), "topic": topic.get_absolute_url()}


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    query=queries,
    page=st.sampled_from(
        [
            "/claims/",
            "/claims/export.csv",
            "claimant",
            "topic",
            "/api/claims/",
            "/api/claimants/",
            "/claims/feed.atom",
            "/oembed",
            "/sitemap-claims.xml",
        ]  # fmt: skip
    ),
)
def test_no_query_string_breaks_a_public_page(client, desk, query, page):
    url = desk.get(page, page)
    response = client.get(url, query)
    assert response.status_code < 500, (url, query)
    assert b"Traceback" not in body_of(response)


@pytest.mark.parametrize("q", ["-" * 50, "- " * 60, "!-" * 60, "&-" * 60, "-(" * 60, '-"' * 60])
@pytest.mark.parametrize(
    "page", ["/claims/", "/api/claims/", "/claims/feed.atom", "/claims/export.csv"]
)
def test_a_long_run_of_operators_matches_nothing_and_breaks_nothing(client, desk, q, page):
    response = client.get(page, {"q": q[:200]})
    assert response.status_code in (200, 400), (page, q)
    body_of(response)
