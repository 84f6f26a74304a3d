"""Claim, claimant and article pages: evidence in context, the timeline, tallies."""

import datetime

import pytest

from claims.models import Verdict
from claims.text.context import text_fragment_url
from tests.factories import (
    make_appearance,
    make_article,
    make_claim,
    make_claimant,
    make_outcome,
)

pytestmark = pytest.mark.django_db

TEXT = (
    "First paragraph, about something else.\n\n"
    "The envoy said talks would resume “in a couple of weeks,” officials said.\n\n"
    "Last paragraph: Bolton said “We are ready when they are.”"
)


@pytest.fixture
def story():
    article = make_article(
        "Talks stall", text=TEXT, url="https://news.example.org/talks", byline="A. Reporter"
    )
    later = make_article("No meeting", text="No meeting took place.", published_on=None)
    pompeo = make_claimant("Mike Pompeo", description="Secretary of State.")
    claim = make_claim("Talks will resume within two weeks.", claimant=pompeo)
    claim.claimant_role = "Secretary of State"
    claim.save()
    appearance = make_appearance(claim, article, quote='resume "in a couple of weeks,"')
    outcome = make_outcome(claim, Verdict.FALSE, datetime.date(2019, 10, 5))
    outcome.evidence_articles.add(later)
    outcome.links.create(title="Stockholm statement", url="https://example.org/stockholm")
    other = make_claim("Another claim by Pompeo.", claimant=pompeo)
    return {"claim": claim, "article": article, "appearance": appearance, "other": other}


def test_claim_page_shows_quote_in_its_paragraph(client, story):
    response = client.get(story["claim"].get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "<title>Talks will resume within two weeks. · claimtrack</title>" in body
    assert (
        "The envoy said talks would <mark>resume “in a couple of weeks,”</mark> officials" in body
    )
    assert "First paragraph" not in body
    assert "Secretary of State at the time" in body
    assert "Talks stall</a>, The Daily Record, 15 June 2019, by A. Reporter." in body


def test_claim_page_links_to_the_quote_in_the_original(client, story):
    body = client.get(story["claim"].get_absolute_url()).content.decode()
    expected = (
        "https://news.example.org/talks#:~:text=resume%20%22in%20a%20couple%20of%20weeks%2C%22"
    )
    assert expected in body


def test_text_fragment_of_a_long_quote_uses_its_first_and_last_words(story):
    appearance = story["appearance"]
    appearance.quote = "one two-three four five six seven eight nine, ten"
    assert text_fragment_url(appearance) == (
        "https://news.example.org/talks#:~:text=one%20two%2Dthree%20four%20five,"
        "seven%20eight%20nine%2C%20ten"
    )


def test_claim_page_shows_the_outcome_timeline_with_evidence(client, story):
    body = client.get(story["claim"].get_absolute_url()).content.decode()
    assert "5 October 2019" in body
    assert "No meeting took place within two weeks." in body
    assert 'href="/articles/no-meeting/">No meeting</a>' in body
    assert 'href="https://example.org/stockholm"' in body
    assert '<a href="/verdicts/#rating">1 on our scale from 1, false, to 5, true</a>' in body


def test_claim_page_lists_other_claims_by_the_claimant(client, story):
    response = client.get(story["claim"].get_absolute_url())
    assert list(response.context["others"]) == [story["other"]]


def test_claimant_page_has_tally_and_filtered_claims(client, story):
    response = client.get("/claimants/mike-pompeo/")
    assert response.status_code == 200
    # Two predictions: one did not come true, one is not yet resolved (scale order).
    segments = [(s.verdict, s.label, s.count) for s in response.context["card"]["segments"]]
    assert segments == [("false", "False", 1), ("pending", "Pending", 1)]
    filtered = client.get("/claimants/mike-pompeo/", {"verdict": "false"})
    assert [c.pk for c in filtered.context["listing"].page.object_list] == [story["claim"].pk]


def test_article_page_highlights_every_quote_linked_to_its_claim(client, story):
    bolton = make_claim("The U.S. is ready for talks.", claimant=make_claimant("John Bolton"))
    make_appearance(bolton, story["article"], quote="We are ready when they are.")
    body = client.get("/articles/talks-stall/").content.decode()
    assert f'<mark><a href="{story["claim"].get_absolute_url()}"' in body
    assert f'<mark><a href="{bolton.get_absolute_url()}"' in body
    assert "<p>First paragraph, about something else.</p>" in body


def test_output_is_escaped(client):
    claim = make_claim("<script>alert(1)</script> will happen.")
    make_appearance(
        claim,
        make_article("<b>Bold</b>", slug="bold", text="He said <script>x</script>."),
        quote="<script>x",
    )
    for url in [claim.get_absolute_url(), "/claims/", "/articles/bold/"]:
        body = client.get(url).content.decode()
        assert "<script>" not in body, url
        assert "&lt;script&gt;" in body, url
