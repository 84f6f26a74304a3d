"""Text that XML cannot carry never reaches a feed: a Word line break (vertical tab) or form
feed saved through any door is stored as a line break, other control characters as a space
(one for one: a quote's offsets stay true); rows written around that rule (a bulk update) are
cleaned as the feeds write them. Every feed parses."""

import feedparser
import pytest

from claims.models import Claim, Outcome
from tests.factories import make_claim, make_outcome

pytestmark = pytest.mark.django_db

FEEDS = [
    "/feeds/claims.atom",
    "/feeds/verdicts.atom",
    "/claims/feed.atom",
    "/claims/feed.atom?q=talks",
]


def test_a_word_line_break_is_stored_as_a_line_break():
    claim = make_claim("Talks resume.")
    outcome = make_outcome(claim, explanation="They met.\x0bA second line.\x0cA third\x1fend.")
    assert (
        Outcome.objects.get(pk=outcome.pk).explanation == "They met.\nA second line.\nA third end."
    )
    claim.text = "Talks\x0bresume\x07 soon."
    claim.save()
    assert Claim.objects.get(pk=claim.pk).text == "Talks\nresume  soon."


@pytest.mark.parametrize("character", ["\x0b", "\x0c", "\x1f", "\x00", "\ufffe"])
def test_every_feed_parses_whatever_was_stored(client, character):
    claim = make_claim("Talks resume soon.")
    outcome = make_outcome(claim, explanation="They met.")
    if character == "\x00" and _postgresql():
        pytest.skip("PostgreSQL text cannot hold NUL at all")
    # Written around the save rule, as a bulk load or psql would.
    Claim.objects.filter(pk=claim.pk).update(text=f"Talks{character} resume soon.")
    Outcome.objects.filter(pk=outcome.pk).update(explanation=f"They{character} met.")
    for url in [*FEEDS, claim.claimant.get_absolute_url() + "feed.atom"]:
        response = client.get(url)
        assert response.status_code == 200, url
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (url, parsed.bozo_exception)
        assert parsed.entries, url


def _postgresql() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"
