"""The unfiltered export from a file: the same bytes as the live export, rebuilt after changes
at most once a refresh interval, never served once a claim that was public has left."""

import json
import os
import time

import pytest
from django.urls import reverse

from claims.models import RecordState
from claims.outputs import export_file
from claims.workflow.publishing import unpublish
from tests.factories import make_claim, make_outcome, make_sourced_claim

pytestmark = pytest.mark.django_db
URL = reverse("claims:export")
PREFIX = "http://testserver/claims/"


@pytest.fixture
def builds(settings, monkeypatch, tmp_path):
    """The export file on, in this test's own directory, with background builds run inline
    and counted."""
    settings.EXPORT_REFRESH_SECONDS = 60
    settings.EXPORT_DIR = tmp_path / "exports"
    started = []

    def build_now(prefix, kind="claims"):
        started.append(prefix)
        export_file.build(prefix, kind)

    monkeypatch.setattr(export_file, "_build_in_background", build_now)
    return started


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change as if committed, so the record's generation moves."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def _age(path, seconds):
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_the_file_holds_exactly_what_the_live_export_gives(client, settings, builds, committed):
    committed(lambda: [make_sourced_claim(f"Claim number {i}.") for i in range(3)])
    committed(lambda: make_claim("A draft nobody sees.", status="draft"))
    live = client.get(URL)
    assert live.get("X-Export-Generation") is None  # no file yet: live, and a build starts
    assert builds == [PREFIX]
    served = client.get(URL)
    assert served["X-Export-Generation"] == str(RecordState.current())
    assert int(served["Content-Length"]) == len(body := _body(served))
    assert body == _body(live)
    assert b"A draft nobody sees." not in body
    assert served["Content-Disposition"].startswith('attachment; filename="claims-')
    assert builds == [PREFIX]  # up to date: no second build


def test_a_change_is_in_the_file_after_the_refresh_interval(client, builds, committed):
    committed(lambda: make_sourced_claim("The first claim."))
    export_file.build(PREFIX)
    committed(lambda: make_sourced_claim("A claim published after the file."))
    soon = client.get(URL)
    assert b"after the file" not in _body(soon)  # a minute at most behind, and says so
    assert soon["Last-Modified"]
    assert builds == []  # the file is younger than the interval: no rebuild yet
    _age(export_file.newest(PREFIX)[1], 61)
    client.get(URL)
    assert builds == [PREFIX]
    assert b"after the file" in _body(client.get(URL))
    assert len(list(export_file._directory().glob("claims-*.csv"))) == 1  # older ones removed


def test_a_withdrawn_claim_is_never_served_from_an_older_file(
    client, chief_editor, builds, committed
):
    claim = committed(lambda: make_sourced_claim("Kim will visit Seoul this year."))
    export_file.build(PREFIX)
    committed(lambda: unpublish(claim, chief_editor, reason="Quote misattributed"))
    response = client.get(URL)
    assert response.get("X-Export-Generation") is None  # the live export, at once
    assert b"Kim will visit Seoul" not in _body(response)


def test_other_exports_are_always_live(client, builds, committed):
    committed(lambda: make_sourced_claim("Sanctions will stay."))
    export_file.build(PREFIX)
    response = client.get(URL, {"q": "sanctions"})
    assert response.get("X-Export-Generation") is None
    assert b"Sanctions will stay." in _body(response)


def test_one_build_at_a_time(builds, committed):
    committed(lambda: make_sourced_claim())
    stem = export_file._stem(PREFIX)
    with open(export_file._directory() / f".{stem}.lock", "w") as held:
        export_file.fcntl.flock(held, export_file.fcntl.LOCK_EX)
        assert export_file.build(PREFIX) is None
    assert export_file.build(PREFIX) is not None


def test_an_unwritable_directory_still_exports(client, settings, builds, committed, tmp_path):
    committed(lambda: make_sourced_claim("Still exported."))
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.EXPORT_DIR = blocker / "exports"
    response = client.get(URL)
    assert response.status_code == 200
    assert b"Still exported." in _body(response)


FEED = reverse("claims:claimreview_feed")


def test_the_claimreview_feed_file_holds_what_the_live_feed_gives(client, builds, committed):
    committed(lambda: [make_outcome(make_sourced_claim(f"Claim number {i}.")) for i in range(3)])
    live = client.get(FEED)
    assert live.get("X-Export-Generation") is None  # no file yet: live, and a build queued
    kept = client.get(FEED)
    assert kept.get("X-Export-Generation") == str(RecordState.current())
    assert (body := _body(kept)) == _body(live)
    assert len(json.loads(body)["dataFeedElement"]) == 3
    again = client.get(FEED, HTTP_IF_NONE_MATCH=kept["ETag"])
    assert again.status_code == 304


def test_the_claimreview_feed_file_is_not_served_after_a_withdrawal(
    client, builds, committed, chief_editor
):
    claim = committed(lambda: make_sourced_claim("Soon withdrawn."))
    committed(lambda: make_outcome(claim))
    client.get(FEED)
    assert client.get(FEED).get("X-Export-Generation")  # from the file
    committed(lambda: unpublish(claim, chief_editor))
    after = client.get(FEED)
    assert after.get("X-Export-Generation") is None  # live until a newer file is built
    assert json.loads(_body(after))["dataFeedElement"] == []
