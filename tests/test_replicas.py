"""Read replicas (config/replicas.py), on a replica that mirrors the test database (Django's
TEST MIRROR): anonymous public reads go to a replica; editors, the admin, every write and
everything outside a request go to the primary, so an editor always reads their own writes."""

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

from claims.models import Claim
from claims.outputs import export_table
from config.replicas import replica_aliases
from tests.factories import make_sourced_claim

# Only the reader's test may query the replica (and commits: a replica connection sees
# committed rows only). In the others any query to it fails the test: Django refuses queries
# to a database a test has not named.
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def routed(settings):
    settings.DATABASE_ROUTERS = ["config.replicas.ReplicaRouter"]


@pytest.fixture
def replica():
    alias = replica_aliases()[0]
    yield alias
    connection = connections[alias]
    connection.close()  # on SQLite its shared in-memory cache holds table locks
    if hasattr(connection, "close_pool"):  # PostgreSQL's pool would keep the test database open
        connection.close_pool()


# What the primary runs for an export of kept rows with nothing to bring up to date
# (claims.outputs.export_table.refresh): one look at the marks. It reads no claim.
_REFRESH_WITH_NOTHING_MARKED = export_table._ANY_MARK


def _queries(alias, request):
    """(queries on the primary, queries on `alias`) while `request()` runs; on the primary
    not counting a look at the export's marks that finds nothing to do."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[alias]) as other,
    ):
        response = request()
    assert response.status_code in (200, 302), response.status_code
    on_primary = [
        query["sql"]
        for query in primary.captured_queries
        if query["sql"] != _REFRESH_WITH_NOTHING_MARKED
    ]
    return len(on_primary), len(other)


# Serialized rollback, as every committing test here: the next one finds the seed rows.
@pytest.mark.django_db(transaction=True, serialized_rollback=True, databases="__all__")
@pytest.mark.parametrize("page_cache_seconds", [0, 300])
def test_a_readers_pages_read_a_replica(client, replica, settings, page_cache_seconds):
    # With the page cache on, the generation in a page's key is read on the replica too: read
    # on the primary while a lagging replica builds the page, an old page would be kept
    # under the new generation.
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    claim = make_sourced_claim("Talks will resume.")
    urls = ["/claims/", claim.get_absolute_url(), "/api/claims/"]
    if connections["default"].vendor != "postgresql":
        urls.append("/claims/export.csv?q=talks")  # live on SQLite: no kept rows to refresh
    for url in urls:
        connections[replica].close()
        primary, replicas = _queries(replica, lambda u=url: _read(client, u))
        assert primary == 0, url
        assert replicas > 0, url


@pytest.mark.skipif(
    connections["default"].vendor != "postgresql", reason="kept export rows: PostgreSQL only"
)
@pytest.mark.usefixtures("routed")
@pytest.mark.django_db(transaction=True, serialized_rollback=True, databases="__all__")
def test_the_export_reads_its_kept_rows_where_it_refreshes_them(client, replica):
    make_sourced_claim("Talks will resume.")
    for url in ["/claims/export.csv", "/claims/export.csv?q=talks"]:
        connections[replica].close()
        response = client.get(url)
        body = b"".join(response.streaming_content)
        assert b"Talks will resume." in body, url  # the claim's kept row, brought up to date
        assert connections[replica].connection is None, url  # the COPY ran on the primary


def _read(client, url):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)  # the stream reads where the view chose
    return response


def test_an_editor_reads_the_primary_and_their_own_writes(editor_client):
    claim = make_sourced_claim("Talks will resume.")
    assert editor_client.get("/claims/").status_code == 200
    assert editor_client.get(claim.get_absolute_url()).status_code == 200
    change = f"/admin/claims/claim/{claim.pk}/change/"
    assert editor_client.get(change).status_code == 200


def test_writes_and_work_outside_requests_use_the_primary(client):
    make_sourced_claim("A new claim.")  # as a command or the shell would
    with transaction.atomic():
        assert Claim.objects.count() == 1
    assert client.post("/claims/", {}).status_code == 200  # a POST reads the primary


def test_nothing_else_may_reach_the_replica(replica):
    # What the tests above rely on: a query there outside the reader's test is an error.
    with pytest.raises(AssertionError, match="not allowed"):
        Claim.objects.using(replica).count()
