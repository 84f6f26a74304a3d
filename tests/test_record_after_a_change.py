"""The site record after a change: one reader counts it again while the others are shown
the record as it was, and a page built from the old record is kept a moment only. Run
against local memory and against the real Redis server."""

import time

import pytest
from django.core.cache import cache

from claims.models import RecordState
from claims.pages.caching import STALE_PAGE_SECONDS
from claims.pages.records import site_record
from tests.factories import make_sourced_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def caches_on(settings, each_cache):
    settings.PAGE_CACHE_SECONDS = settings.FRAGMENT_CACHE_SECONDS = 300
    return each_cache


def _claims_on_record(client) -> str:
    return client.get("/record/").content.decode()


def _someone_is_counting():
    """Another process holds the count of the current generation's record."""
    key = f"claimtrack:site-record:{RecordState.current()}:counting"
    assert cache.add(key, True, 60)
    return key


def test_while_one_reader_counts_the_others_see_the_record_as_it_was(client, caches_on):
    with caches_on(execute=True):
        make_sourced_claim("Talks will resume by June.")
    before = _claims_on_record(client)
    with caches_on(execute=True):
        make_sourced_claim("Sanctions will be lifted.")
    counting = _someone_is_counting()

    assert site_record().record.total == 1  # the previous record, not a second count
    during = _claims_on_record(client)
    assert during == before
    cache.delete(counting)  # the count is done (here: given up), the next reader counts
    assert _claims_on_record(client) == before  # the old page is kept a moment only,
    time.sleep(STALE_PAGE_SECONDS + 0.1)
    after = _claims_on_record(client)
    assert after != before  # not under the new generation for long
    assert site_record().record.total == 2


def test_the_first_record_ever_is_counted_even_while_someone_counts(client, caches_on):
    with caches_on(execute=True):
        make_sourced_claim("Talks will resume by June.")
    _someone_is_counting()
    assert client.get("/record/").status_code == 200
    assert site_record().record.total == 1  # counted here: there is no earlier one to show
