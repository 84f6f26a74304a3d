"""The read-only JSON API: the list's filters mean the same as on the pages,
drafts never leave, bad parameters get a 400 naming them, pages follow a cursor, and the
schema validates. The seeds are loaded once for the module (its tests only read them)."""

import pytest
from django.urls import reverse
from openapi_spec_validator import validate

from claims.models import Claim, ClaimStatus, Verdict
from claims.outputs.api.serializers import ClaimSerializer, ClaimSummarySerializer
from claims.outputs.serialise import claim_dict, claim_summary
from tests.factories import make_claim, make_outcome

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeds_for_module")]
CLAIMS = reverse("api:claims")


def api_ids(client, params: dict) -> tuple[int, list[int]]:
    """Every id the API lists for `params`, following its cursor, and its total."""
    response = client.get(CLAIMS, {**params, "limit": 10})
    assert response.status_code == 200, response.content
    body = response.json()
    total, ids = body["total"], [c["id"] for c in body["results"]]
    while body["next"]:
        body = client.get(body["next"]).json()
        ids += [c["id"] for c in body["results"]]
    return total, ids


def html_ids(client, params: dict) -> tuple[int, list[int]]:
    """Every id the HTML list shows for `params`, page by page, and its total."""
    response = client.get(reverse("claims:list"), params)
    listing = response.context["listing"]
    ids = [c.pk for c in listing.page.object_list] if listing.page else []
    for number in range(2, (listing.page.paginator.num_pages + 1) if listing.page else 0):
        page = client.get(reverse("claims:list"), {**params, "page": number}).context["listing"]
        ids += [c.pk for c in page.page.object_list]
    return listing.total, ids


COMBINATIONS = [
    {},
    {"sort": "oldest"},
    {"sort": "check_by"},
    {"sort": "resolved"},
    {"verdict": "true"},
    {"verdict": ["false", "mostly_false"]},
    {"verdict": "pending", "sort": "check_by"},
    {"kind": "prediction"},
    {"kind": "promise", "sort": "resolved"},
    {"claimant": "donald-trump"},
    {"claimant": ["donald-trump", "mike-pompeo"], "sort": "oldest"},
    {"topic": "denuclearization"},
    {"made_after": "2019-06-01"},
    {"made_before": "2018-12-31"},
    {"made_after": "2018-06-01", "made_before": "2019-06-30", "sort": "oldest"},
    {"overdue": "true"},
    {"q": "sanctions"},
    {"q": "summit", "sort": "oldest"},
    {"kind": "statement", "verdict": "true"},
    {"q": "Kim", "kind": "assessment", "sort": "resolved"},
]


@pytest.mark.parametrize("params", COMBINATIONS, ids=[str(c) for c in COMBINATIONS])
def test_the_api_lists_what_the_html_list_lists(client, params):
    assert api_ids(client, params) == html_ids(client, params)


def test_the_combinations_are_not_all_empty(client):
    sizes = [api_ids(client, params)[0] for params in COMBINATIONS]
    assert sum(1 for n in sizes if n) >= 15 and max(sizes) == Claim.objects.published().count()


def test_drafts_and_their_outcomes_never_leave(client):
    draft = make_claim("A draft the API must not show.", status=ClaimStatus.DRAFT)
    make_outcome(draft, verdict=Verdict.TRUE, explanation="Draft explanation.")
    _, ids = api_ids(client, {})
    assert draft.pk not in ids
    assert client.get(reverse("api:claim", args=[draft.pk])).status_code == 404
    merged = Claim.objects.filter(merged_into__isnull=False).values_list("pk", flat=True)
    assert not set(merged) & set(ids)
    assert "Draft explanation" not in client.get(CLAIMS, {"limit": 100}).content.decode()


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"made_after": "2019-13-01"}, "made_after"),
        ({"verdict": "banana"}, "verdict"),
        ({"sort": "random"}, "sort"),
        ({"limit": "0"}, "limit"),
        ({"limit": "²"}, "limit"),
        ({"q": "x" * 5000}, "q"),
        ({"overdue": "perhaps"}, "overdue"),
        ({"kind": ""}, "kind"),
        ({"topic": ""}, "topic"),
        ({"made_before": ""}, "made_before"),
    ],
)
def test_a_bad_parameter_is_a_400_naming_it(client, params, name):
    response = client.get(CLAIMS, params)
    assert response.status_code == 400
    assert name in response.json()["errors"]


@pytest.mark.parametrize(
    "params",
    [{"claimant": "nobody-at-all"}, {"topic": "no-such-topic"}, {"claimant": "x", "topic": "y"}],
)
def test_a_claimant_or_topic_that_names_nothing_is_a_404_naming_it(client, params):
    response = client.get(CLAIMS, params)
    assert response.status_code == 404
    assert set(response.json()["errors"]) == set(params)


def test_a_cursor_never_given_out_or_from_another_sort_names_no_page(client):
    next_url = client.get(CLAIMS, {"limit": 5}).json()["next"]
    cursor = next_url.split("cursor=")[1]
    response = client.get(CLAIMS, {"sort": "oldest", "cursor": cursor})
    assert response.status_code == 404 and "another sort" in response.json()["errors"]["cursor"][0]
    made_up = client.get(CLAIMS, {"cursor": "not-a-cursor"})
    assert made_up.status_code == 404 and "not a cursor" in made_up.json()["errors"]["cursor"][0]


def test_a_claim_has_its_record(client):
    claim = Claim.objects.published().filter(outcomes__isnull=False).first()
    data = client.get(reverse("api:claim", args=[claim.pk])).json()
    assert data["id"] == claim.pk and data["claim"] == claim.text
    assert len(data["outcomes"]) == claim.outcomes.count()
    assert data["appearances"][0]["quote"] == claim.appearances.order_by("pk").first().quote
    assert client.get(reverse("api:claim", args=[99999999])).status_code == 404


def test_the_serializers_describe_exactly_the_one_serialisation(rf):
    claim = Claim.objects.published().for_data().first()
    absolute = rf.get("/").build_absolute_uri
    assert set(ClaimSerializer().fields) == set(claim_dict(claim, absolute))
    assert set(ClaimSummarySerializer().fields) == set(claim_summary(claim, absolute))


def test_a_list_row_is_the_claims_record_without_its_timeline(client):
    claim = Claim.objects.published().filter(outcomes__isnull=False).first()
    row = next(
        r
        for r in client.get(CLAIMS, {"claimant": claim.claimant.slug, "limit": 100}).json()[
            "results"
        ]
        if r["id"] == claim.pk
    )
    record = client.get(reverse("api:claim", args=[claim.pk])).json()
    assert row == {k: v for k, v in record.items() if k not in ("outcomes", "corrections")}
    assert row["explanation"] == record["outcomes"][-1]["explanation"]


def test_data_querysets_leave_the_article_texts_behind():
    claim = Claim.objects.published().filter(appearances__isnull=False).for_data().first()
    assert "text" in claim.appearances.all()[0].article.get_deferred_fields()


def test_a_page_costs_the_same_queries_deep_or_shallow(client, django_assert_num_queries):
    # 1 the page's (id, sort value) rows; 2 those claims with their claimants; 3 topics;
    # 4 appearances with articles; 5 outcomes; 6 the capped count.
    first = client.get(CLAIMS, {"limit": 5}).json()
    with django_assert_num_queries(6):
        client.get(CLAIMS, {"limit": 5})
    with django_assert_num_queries(6):
        client.get(first["next"])


def test_claimants_carry_their_verdict_tally(client):
    data = client.get(reverse("api:claimant", args=["donald-trump"])).json()
    published = Claim.objects.published().filter(claimant__slug="donald-trump")
    assert sum(data["tally"].values()) == published.count()
    listing = client.get(reverse("api:claimants")).json()
    assert listing["count"] == len({c.claimant_id for c in Claim.objects.published()})
    assert client.get(reverse("api:claimant", args=["nobody"])).status_code == 404


def test_articles_and_topics_are_listed(client):
    articles = client.get(reverse("api:articles")).json()
    assert articles["count"] == 3
    topics = client.get(reverse("api:topics")).json()
    assert topics["count"] >= 1 and {"slug", "name", "url"} == set(topics["results"][0])


def test_conditional_get_answers_304(client):
    first = client.get(CLAIMS)
    assert first.has_header("ETag")
    again = client.get(CLAIMS, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_reads_are_open_to_other_sites_pages_are_not(client):
    api = client.get(CLAIMS, headers={"origin": "https://newsroom.example"})
    assert api["Access-Control-Allow-Origin"] == "*"
    page = client.get("/claims/", headers={"origin": "https://newsroom.example"})
    assert not page.has_header("Access-Control-Allow-Origin")


def test_anonymous_clients_are_rate_limited(client, settings):
    settings.API_RATE = "3/m"
    statuses = [client.get(reverse("api:topics")).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get(reverse("api:topics"))
    assert int(limited["Retry-After"]) > 0 and "throttled" in limited.json()["errors"]["detail"][0]


def test_the_openapi_schema_validates_and_has_docs(client):
    schema = client.get(reverse("api:schema"), {"format": "json"})
    assert schema.status_code == 200
    document = schema.json()
    validate(document)
    assert "/api/claims/" in document["paths"]
    params = {p["name"] for p in document["paths"]["/api/claims/"]["get"]["parameters"]}
    assert {"q", "claimant", "verdict", "kind", "topic", "sort", "cursor", "limit"} <= params
    assert client.get(reverse("api:docs")).status_code == 200


@pytest.mark.parametrize("query", ["page=%C2%B2", "cursor=%00", "limit=-1", "verdict=<script>"])
def test_hostile_query_strings_never_give_a_500(client, query):
    for name in ["api:claims", "api:claimants", "api:articles", "api:topics"]:
        assert client.get(f"{reverse(name)}?{query}").status_code < 500


def test_every_list_refuses_a_bad_limit_and_a_page_past_the_end_in_one_shape(client):
    for name in ["api:claims", "api:claimants", "api:articles", "api:topics"]:
        for limit in ["0", "101", "ten"]:
            response = client.get(reverse(name), {"limit": limit})
            assert response.status_code == 400, (name, limit)
            assert response.json() == {"errors": {"limit": ["a whole number from 1 to 100"]}}
    empty = client.get(reverse("api:topics"), {"page": ""})
    assert empty.status_code == 400 and list(empty.json()["errors"]) == ["page"]
    missing = client.get(reverse("api:topics"), {"page": "999"})
    assert missing.status_code == 404 and list(missing.json()["errors"]) == ["detail"]
    unknown = client.get(reverse("api:claim", kwargs={"pk": 999999}))
    assert unknown.status_code == 404 and "detail" in unknown.json()["errors"]


def test_head_carries_the_etag_and_answers_304_as_get_does(client):
    got = client.get(CLAIMS)
    head = client.head(CLAIMS)
    assert head["ETag"] == got["ETag"]
    assert client.head(CLAIMS, HTTP_IF_NONE_MATCH=got["ETag"]).status_code == 304
    assert client.get(CLAIMS, HTTP_IF_NONE_MATCH=got["ETag"]).status_code == 304


def test_scripts_on_other_sites_can_read_the_etag_and_send_if_none_match(client):
    origin = {"origin": "https://newsroom.example"}
    got = client.get(CLAIMS, headers=origin)
    exposed = {h.strip().lower() for h in got["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "retry-after", "last-modified"} <= exposed
    asks = {
        "access-control-request-method": "GET",
        "access-control-request-headers": "if-none-match",
    }
    preflight = client.options(CLAIMS, headers={**origin, **asks})
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"].lower()


def test_the_schema_documents_every_answer_and_every_bound(client):
    document = client.get(reverse("api:schema"), {"format": "json"}).json()
    for path, operations in document["paths"].items():
        for operation in operations.values():
            assert {"200", "304", "400", "404", "429"} <= set(operation["responses"]), path
            assert "Concrete view" not in operation.get("description", ""), path
    parameters = {
        p["name"]: p["schema"] for p in document["paths"]["/api/topics/"]["get"]["parameters"]
    }
    assert parameters["limit"]["minimum"] == 1 and parameters["limit"]["maximum"] == 100
    assert parameters["page"]["minimum"] == 1
    errors = document["components"]["schemas"]["Errors"]
    assert errors["required"] == ["errors"]
