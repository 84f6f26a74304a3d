"""Every page of a public list past the first comes from a kept order (a list of at most
KEPT_ORDER_CAP claims) or starts at a kept stride boundary (a longer one), and either way
lists exactly the claims a plain OFFSET would, in every sort, ties and NULLs included."""

import datetime
import re

import pytest
from django.db import connection

from claims.models import Verdict
from claims.pages import listing
from tests.factories import make_claim, make_claimant, make_topic

pytestmark = pytest.mark.django_db
SORT_KEYS = ["newest", "oldest", "check_by", "resolved", "repeated"]


@pytest.fixture
def many(settings, monkeypatch):
    """31 claims of one topic, dates shared three by three, half with no check-by date or
    verdict date; the probe capped low so the lists take the deep-page paths."""
    settings.EXACT_COUNT_CAP, settings.CLAIMS_PER_PAGE = 3, 4
    monkeypatch.setattr(listing, "STRIDE", 5)
    claimant, topic = make_claimant("Mike Pompeo"), make_topic("Diplomacy")
    for n in range(31):
        day = datetime.date(2019, 1, 1) + datetime.timedelta(days=n // 3)
        make_claim(
            f"Claim number {n}.",
            claimant=claimant,
            topics=[topic],
            made_on=day,
            check_by=day if n % 2 else None,
            verdict=Verdict.TRUE if n % 2 else Verdict.PENDING,
            verdict_on=day if n % 2 else None,
            appearance_count=n % 4,
        )
    if connection.vendor == "postgresql":  # estimates past the cap: statistics to make them
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE claims_claim, claims_claim_topics")
    return topic


def _every_page(client, path: str, sort: str) -> list[list[str]]:
    path, _, q = path.partition("?q=")
    searched = {"q": q} if q else {}
    pages = []
    for number in range(1, 9):
        html = client.get(path, {**searched, "sort": sort, "page": number}).content.decode()
        text = re.sub(r"<[^>]+>", "", html)  # a search marks its words in the rows
        pages.append(re.findall(r"Claim number \d+\.", text))
    return pages


@pytest.mark.parametrize("sort", SORT_KEYS)
@pytest.mark.parametrize("path", ["/claims/", "/topics/diplomacy/", "/claims/?q=number"])
def test_every_deep_page_lists_what_offset_would(client, many, settings, path, sort):
    settings.KEPT_ORDER_CAP = 0  # neither kept order nor strides: a plain OFFSET
    plain = _every_page(client, path, sort)
    assert sorted(sum(plain, [])) == sorted(f"Claim number {n}." for n in range(31))
    settings.KEPT_ORDER_CAP = 10  # past it: pages start at a stride boundary
    assert _every_page(client, path, sort) == plain
    settings.KEPT_ORDER_CAP = 1000  # within it: pages are slices of the kept order
    assert _every_page(client, path, sort) == plain
