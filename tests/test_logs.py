"""Logs: one JSON object per line, each with the id of its request (also sent back
as X-Request-ID); requests' errors and the workflow's events are among them."""

import copy
import io
import json
import logging
import logging.config

import pytest
from django.conf import settings
from django.urls import reverse

from tests.factories import make_sourced_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines():
    """The site's own LOGGING configuration, with its stdout stream swapped for a buffer, in
    production's JSON (with debug on, as in the tests' settings, the default is text)."""
    config = copy.deepcopy(settings.LOGGING)
    stream = io.StringIO()
    config["handlers"]["stdout"]["stream"] = stream
    config["handlers"]["stdout"]["formatter"] = "json"
    logging.config.dictConfig(config)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logging.config.dictConfig(settings.LOGGING)


def test_a_publication_is_logged_with_its_request_id(chief_client, lines):
    draft = make_sourced_claim("Talks resume soon.", status="draft")
    response = chief_client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "publish_selected", "_selected_action": [draft.pk]},
        HTTP_X_REQUEST_ID="req-abc123",
    )
    assert response["X-Request-ID"] == "req-abc123"
    events = [line for line in lines() if line.get("event") == "publish"]
    assert events == [
        {
            "time": events[0]["time"],
            "level": "INFO",
            "logger": "claimtrack.workflow",
            "message": "claim published",
            "request_id": "req-abc123",
            "event": "publish",
            "claim": draft.pk,
            "slug": draft.slug,
            "user": "charles",
            "reason": "Published",
        }
    ]


def test_request_errors_are_logged_and_a_bad_request_id_is_replaced(client, lines):
    response = client.get("/claims/no-such-claim/", HTTP_X_REQUEST_ID="<script>")
    assert response.status_code == 404
    request_id = response["X-Request-ID"]
    assert request_id != "<script>" and len(request_id) == 32
    logged = [line for line in lines() if line["logger"] == "django.request"]
    assert logged and logged[0]["level"] == "WARNING"
    assert logged[0]["request_id"] == request_id


def test_a_large_export_is_logged(client, lines, settings):
    settings.EXPORT_LOG_BYTES = 10
    make_sourced_claim("Talks resume soon.")
    response = client.get("/claims/export.csv?kind=prediction")
    b"".join(response.streaming_content)
    exports = [line for line in lines() if line.get("event") == "export"]
    assert exports and exports[0]["query"] == "kind=prediction" and exports[0]["bytes"] > 10
