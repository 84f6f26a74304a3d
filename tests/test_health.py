"""/healthz: 200 with the database reachable, 503 without it, "degraded" (still 200) with the
shared cache unreachable; nothing secret, never cached."""

import pytest
from django.db import OperationalError, connections
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_database_unreachable_is_503_without_details(client, monkeypatch):
    # Fault injection: the connection refuses, as a database that is down would.
    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server at 10.0.0.5 (secret detail)")

    monkeypatch.setattr(connections["default"], "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
    assert b"10.0.0.5" not in response.content
    assert "no-store" in response["Cache-Control"]


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
)
def test_a_configured_cache_is_checked_against_the_real_redis(client):
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
)
def test_an_unreachable_cache_is_degraded_not_down(client):
    response = client.get("/healthz")
    assert response.status_code == 200  # pages are built from the database meanwhile
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "unreachable"}
