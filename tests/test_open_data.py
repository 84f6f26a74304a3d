"""Open data, first part: ClaimReview JSON-LD on claim pages and as a DataFeed,
Atom feeds, the embeddable card with oEmbed, the sitemap and robots.txt. Drafts, merged
claims and their outcomes appear in none of them."""

import json
import re
from pathlib import Path

import feedparser
import jsonschema
import pytest
from django.urls import reverse

from claims.models import ClaimantKind, ClaimStatus, FormerSlug, Verdict
from tests.factories import (
    make_appearance,
    make_article,
    make_claim,
    make_claimant,
    make_outcome,
    make_topic,
)

pytestmark = pytest.mark.django_db
SCHEMA = json.loads((Path(__file__).parent / "claimreview.schema.json").read_text())
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def record(db):
    """A rated published claim with two appearances, a pending one, and a rated draft."""
    topic = make_topic("Diplomacy")
    rated = make_claim("Talks will resume in two weeks.", claimant=make_claimant("Mike Pompeo"))
    rated.claimant_role = "Secretary of State"
    rated.save()
    rated.topics.add(topic)
    make_appearance(rated, make_article("First report", url="https://news.example.org/1"))
    make_appearance(rated, make_article("Second report", url=""))
    make_outcome(rated, verdict=Verdict.FALSE, explanation="Talks resumed only in October.")
    pending = make_claim(
        "Sanctions will stay.", claimant=make_claimant("Treasury", kind=ClaimantKind.ORGANIZATION)
    )
    pending.topics.add(topic)
    draft = make_claim("A draft that must stay private.", status=ClaimStatus.DRAFT,
                       claimant=rated.claimant)  # fmt: skip
    draft.topics.add(topic)
    make_outcome(draft, verdict=Verdict.TRUE, explanation="Secret explanation.")
    return rated, pending, draft


def jsonld(client, claim) -> dict:
    page = client.get(claim.get_absolute_url()).content.decode()
    return json.loads(JSONLD.search(page).group(1))


def test_a_rated_claim_page_carries_a_valid_claimreview(client, record):
    rated, _, _ = record
    data = jsonld(client, rated)
    jsonschema.validate(data, SCHEMA, format_checker=jsonschema.FormatChecker())
    # A prediction's verdict in a prediction's words; the rating is the scale's.
    assert data["reviewRating"]["alternateName"] == "Did not come true"
    assert data["reviewRating"]["ratingValue"] == 1
    assert data["reviewRating"]["ratingExplanation"] == "Talks resumed only in October."
    assert data["url"] == f"http://testserver{rated.get_absolute_url()}"
    item = data["itemReviewed"]
    assert item["author"] == {
        "@type": "Person",
        "name": "Mike Pompeo",
        "url": "http://testserver/claimants/mike-pompeo/",
        "jobTitle": "Secretary of State",
    }
    assert [w["headline"] for w in item["appearance"]] == ["First report", "Second report"]
    assert item["firstAppearance"]["url"] == "https://news.example.org/1"
    assert "url" not in item["appearance"][1]  # unknown stays blank


def test_pending_and_unresolvable_claims_carry_a_plain_claim(client, record):
    _, pending, _ = record
    data = jsonld(client, pending)
    assert data["@type"] == "Claim" and "reviewRating" not in data
    assert data["author"]["@type"] == "Organization"


def test_the_json_ld_cannot_close_its_script_element(client):
    claim = make_claim("Says </script><script>alert(1)</script> & more.")
    page = client.get(claim.get_absolute_url()).content.decode()
    block = JSONLD.search(page).group(1)
    assert "</script>" not in block and json.loads(block)["name"].startswith("Says </script>")


def reviews_as_public_readers_take_them(feed: dict) -> list[dict]:
    """How the fact-check DataFeed's public readers walk it: every element a DataFeedItem
    whose `item` is a list of ClaimReview (they fail with KeyError 'item' otherwise)."""
    return [review for element in feed["dataFeedElement"] for review in element["item"]]


def test_the_datafeed_lists_every_rated_published_claim_and_no_draft(client, record, settings):
    settings.PUBLISHER_NAME, settings.PUBLISHER_URL = "The Example Desk", "https://desk.example"
    rated, _, draft = record
    response = client.get(reverse("claims:claimreview_feed"))
    feed = json.loads(b"".join(response.streaming_content))
    assert feed["@type"] == "DataFeed"
    element = feed["dataFeedElement"][0]
    assert element["@type"] == "DataFeedItem" and element["url"] == element["item"][0]["url"]
    reviews = reviews_as_public_readers_take_them(feed)
    assert [review["url"] for review in reviews] == [f"http://testserver{rated.get_absolute_url()}"]
    assert reviews[0]["author"] == {"@type": "Organization", "name": "The Example Desk",
                                    "url": "https://desk.example"}  # fmt: skip
    jsonschema.validate({"@context": feed["@context"], **reviews[0]}, SCHEMA)
    assert draft.text not in json.dumps(feed)


def test_a_review_is_dated_by_its_verdict_not_by_the_claims_publication(client, record):
    rated = record[0]
    data = jsonld(client, rated)
    assert data["datePublished"] == "2019-10-05"  # the outcome's date (tests/factories.py)
    assert str(rated.published_at.date()) != "2019-10-05"


def test_a_claimant_reference_page_and_a_short_form_reach_fact_check_readers(client, record):
    rated = record[0]
    rated.claimant.reference_url = "https://en.wikipedia.org/wiki/Mike_Pompeo"
    rated.claimant.save()
    rated.short_text = "Pompeo: talks resume in two weeks"
    rated.save()
    data = jsonld(client, rated)
    assert data["itemReviewed"]["author"]["sameAs"] == "https://en.wikipedia.org/wiki/Mike_Pompeo"
    assert data["claimReviewed"] == "Pompeo: talks resume in two weeks"
    assert data["itemReviewed"]["name"] == rated.text  # the claim itself is still whole


def test_the_datafeed_answers_a_conditional_get_until_the_record_changes(client, record):
    from claims.models.state import move_generation

    url = reverse("claims:claimreview_feed")
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.head(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    move_generation("default", withdraws=False)  # what a committed public change does
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag


FEEDS = [
    ("claims:claims_feed", {}),
    ("claims:verdicts_feed", {}),
    ("claims:list_feed", {}),
    ("claims:claimant_feed", {"slug": "mike-pompeo"}),
    ("claims:topic_feed", {"slug": "diplomacy"}),
]


@pytest.mark.parametrize(("name", "kwargs"), FEEDS)
def test_every_feed_is_atom_and_holds_no_draft(client, record, name, kwargs):
    rated, _, draft = record
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert parsed.version == "atom10" and not parsed.bozo
    text = response.content.decode()
    assert rated.text in text
    assert draft.text not in text and "Secret explanation" not in text


@pytest.mark.parametrize(("name", "kwargs"), FEEDS)
def test_every_entry_has_a_lasting_iri_id_and_an_updated_date(client, record, name, kwargs):
    """What the W3C feed validator asks of each entry: an IRI for its id and an <updated>;
    and an id that outlives a change of the claim's address, or readers see it anew."""
    rated = record[0]
    feed = client.get(reverse(name, kwargs=kwargs)).content.decode()
    entries = re.findall(r"<entry>.*?</entry>", feed, re.S)
    assert entries
    for entry in entries:
        entry_id = re.search(r"<id>([^<]+)</id>", entry).group(1)
        assert re.fullmatch(r"tag:testserver,2018:(claim|outcome)-\d+", entry_id), entry_id
        assert "<updated>" in entry
    before = re.findall(r"<id>(tag:[^<]+)</id>", feed)
    rated.slug = "talks-will-resume-renamed"
    rated.save()
    after = client.get(reverse(name, kwargs=kwargs)).content.decode()
    assert re.findall(r"<id>(tag:[^<]+)</id>", after) == before


def test_a_filtered_feed_names_itself_with_its_filters(client, record):
    feed = client.get(reverse("claims:list_feed"), {"verdict": "false"}).content.decode()
    own = re.search(r'<link href="([^"]+)" rel="self"/>', feed).group(1)
    assert own.startswith("http://testserver/claims/feed.atom?verdict=false"), own


def test_the_filtered_feed_reads_the_lists_filters(client, record):
    rated, pending, _ = record
    feed = client.get(reverse("claims:list_feed"), {"verdict": "false"}).content.decode()
    assert rated.text in feed and pending.text not in feed
    bad = client.get(reverse("claims:list_feed"), {"made_after": "2019-13-01"})
    assert bad.status_code == 400 and b"made_after" in bad.content
    page = client.get(reverse("claims:list"), {"verdict": "false"}).content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" href="/claims/feed.atom?verdict=false"'
        in page
    )


def test_a_draft_claimants_or_topics_feed_is_not_found(client):
    draft = make_claim("Only a draft.", status=ClaimStatus.DRAFT, claimant=make_claimant("Hidden"))
    draft.topics.add(make_topic("Hidden topic"))
    assert client.get(reverse("claims:claimant_feed", args=["hidden"])).status_code == 404
    assert client.get(reverse("claims:topic_feed", args=["hidden-topic"])).status_code == 404


def test_the_embed_card_alone_may_be_framed(client, record):
    rated, _, draft = record
    card = client.get(reverse("claims:embed", args=[rated.slug]))
    assert card.status_code == 200 and "X-Frame-Options" not in card.headers
    assert "frame-ancestors *" in card["Content-Security-Policy"]
    html = card.content.decode()
    assert rated.text in html and "Did not come true" in html and rated.get_absolute_url() in html
    page = client.get(rated.get_absolute_url())
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]
    assert client.get(reverse("claims:embed", args=[draft.slug])).status_code == 404


def test_oembed_describes_the_card_and_is_discoverable(client, record):
    rated, _, draft = record
    url = f"http://testserver{rated.get_absolute_url()}"
    data = client.get(reverse("claims:oembed"), {"url": url, "maxwidth": "300"}).json()
    assert data["type"] == "rich" and data["version"] == "1.0" and data["width"] == 300
    assert f'src="http://testserver/claims/{rated.slug}/embed/"' in data["html"]
    page = client.get(rated.get_absolute_url()).content.decode()
    assert 'type="application/json+oembed"' in page
    draft_url = f"http://testserver{draft.get_absolute_url()}"
    oembed = reverse("claims:oembed")
    assert client.get(oembed, {"url": draft_url}).status_code == 404
    assert client.get(oembed, {"url": "https://elsewhere.example/claims/x/"}).status_code == 404
    assert client.get(oembed, {"url": "http://testserver/admin/"}).status_code == 404
    assert client.get(oembed, {"url": url, "format": "xml"}).status_code == 501


@pytest.mark.parametrize(
    ("asked", "given"),
    [({}, (480, 260)), ({"maxwidth": "300", "maxheight": "100"}, (300, 100)),
     ({"maxheight": "1000"}, (480, 260)), ({"maxwidth": "40"}, (40, 260))],
)  # fmt: skip
def test_oembed_never_exceeds_either_bound_it_is_given(client, record, asked, given):
    url = f"http://testserver{record[0].get_absolute_url()}"
    data = client.get(reverse("claims:oembed"), {"url": url, **asked}).json()
    assert (data["width"], data["height"]) == given
    assert f'width="{given[0]}" height="{given[1]}"' in data["html"]


@pytest.mark.parametrize("bad", [{"maxwidth": "0"}, {"maxheight": "wide"}, {"maxwidth": "²"}])
def test_oembed_refuses_a_bound_that_is_not_a_size(client, record, bad):
    url = f"http://testserver{record[0].get_absolute_url()}"
    refused = client.get(reverse("claims:oembed"), {"url": url, **bad})
    assert refused.status_code == 400 and b"maxwidth and maxheight" in refused.content


def test_oembed_and_the_card_follow_a_claims_former_address(client, record):
    rated = record[0]
    FormerSlug.objects.create(slug="talks-old-address", claim=rated)
    old = "http://testserver/claims/talks-old-address/"
    assert client.get(old).status_code == 301
    data = client.get(reverse("claims:oembed"), {"url": old}).json()
    assert data["title"] == rated.text
    assert f'src="http://testserver/claims/{rated.slug}/embed/"' in data["html"]
    card = client.get("/claims/talks-old-address/embed/")
    assert card.status_code == 301 and card["Location"] == f"/claims/{rated.slug}/embed/"


def test_the_sitemap_lists_public_pages_only_and_robots_points_to_it(client, record):
    rated, _, draft = record
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-claims.xml" in index and "sitemap-articles.xml" in index
    claims = client.get("/sitemap-claims.xml").content.decode()
    assert rated.get_absolute_url() in claims and draft.get_absolute_url() not in claims
    claimants = client.get("/sitemap-claimants.xml").content.decode()
    assert "/claimants/mike-pompeo/" in claimants
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots and "Disallow: /admin/" in robots


@pytest.mark.parametrize(
    "query", ["page=%C2%B2", "q=" + "x" * 5000, "sort=drop", "claimant=%00", "verdict=<script>"]
)
def test_hostile_query_strings_never_give_a_500(client, record, query):
    for path in ["/claims/feed.atom", "/claimreview.json", "/oembed", "/sitemap-claims.xml"]:
        assert client.get(f"{path}?{query}").status_code < 500


def test_feed_entries_say_the_claim_as_the_serialisation_does(client, record):
    from claims.outputs.serialise import summary

    rated, _, _ = record
    parsed = feedparser.parse(client.get(reverse("claims:claims_feed")).content)
    entry = next(e for e in parsed.entries if e.link.endswith(rated.get_absolute_url()))
    assert entry.summary == summary(rated)
    assert (
        "Prediction by Mike Pompeo, Secretary of State, 1 July 2019. Verdict: Did not come true"
        in entry.summary
    )
