"""Filters people can use: the active filters shown as removable chips, the
filters folded into a disclosure that says how many are active, and each help text tied
to its field."""

import re

import pytest

from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def test_each_active_filter_is_a_chip_that_removes_only_itself(client):
    make_claim("Talks will resume.")
    page = client.get("/claims/?verdict=false&verdict=true&kind=promise&sort=oldest").content
    page = page.decode()
    chips = dict(
        (label.strip(), href.replace("&amp;", "&"))
        for href, label in re.findall(r'<li><a href="([^"]+)">([^<]+) <span aria-hidden', page)
    )
    assert chips == {
        "Verdict: False": "/claims/?verdict=true&kind=promise&sort=oldest",
        "Verdict: True": "/claims/?verdict=false&kind=promise&sort=oldest",
        "Kind: Promise": "/claims/?verdict=false&verdict=true&sort=oldest",
    }
    assert "<summary>Filters (3 active)</summary>" in page


def test_no_chips_without_filters_and_hostile_values_are_escaped(client):
    page = client.get("/claims/").content.decode()
    assert 'class="chips"' not in page and "<summary>Filters</summary>" in page
    page = client.get("/claims/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "Search: &lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_every_aria_describedby_points_at_an_element_that_exists(client):
    page = client.get("/claims/").content.decode()
    described = re.findall(r'aria-describedby="([^"]+)"', page)
    assert described  # the search box and the overdue box have help texts
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    for names in described:
        for name in names.split():
            assert name in ids, name
