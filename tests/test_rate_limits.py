"""Rate limits on expensive endpoints: a client over the export limit gets a 429
with Retry-After, counted in the shared cache (the real Redis here), and other clients are
not affected."""

import time
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import override_settings

from tests.factories import make_sourced_claim

pytestmark = pytest.mark.django_db

REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/14",
    }
}


@pytest.fixture
def shared_cache(monkeypatch):
    # The limiter's clock held still: its windows end at a per-address second of the minute,
    # and four exports on a busy machine once straddled one (the fourth then counted afresh).
    still = time.time()
    monkeypatch.setattr("django_ratelimit.core.time", SimpleNamespace(time=lambda: still))
    with override_settings(CACHES=REDIS, EXPORT_RATE="3/m"):
        cache.clear()
        yield
        cache.clear()


def export(client, address, **query):
    response = client.get("/claims/export.csv", query, REMOTE_ADDR=address)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.mark.usefixtures("shared_cache")
def test_a_client_over_the_export_limit_gets_429_with_retry_after(client):
    make_sourced_claim("Talks resume soon.")
    for _ in range(3):
        assert export(client, "203.0.113.7").status_code == 200
    limited = export(client, "203.0.113.7", kind="prediction")  # filtered exports count too
    assert limited.status_code == 429
    assert limited["Retry-After"] == "60"
    assert "at most 3 exports per m" in limited.content.decode()
    assert export(client, "198.51.100.9").status_code == 200  # another reader is served


@pytest.mark.usefixtures("shared_cache")
def test_the_list_pages_are_not_limited(client):
    for _ in range(5):
        assert client.get("/claims/", REMOTE_ADDR="203.0.113.7").status_code == 200


@pytest.mark.usefixtures("shared_cache")
def test_behind_the_proxy_the_client_is_the_address_it_forwarded(client, settings):
    settings.TRUSTED_PROXIES = 1
    make_sourced_claim("Talks resume soon.")

    def via_proxy(forwarded):
        response = client.get("/claims/export.csv", HTTP_X_FORWARDED_FOR=forwarded)
        if response.streaming:
            b"".join(response.streaming_content)
        return response.status_code

    # A client cannot dodge the limit by putting other addresses before its own.
    assert [via_proxy(f"10.0.0.{i}, 203.0.113.7") for i in range(4)] == [200, 200, 200, 429]
    assert via_proxy("203.0.113.8") == 200


FORGIVING = {
    "default": {
        "BACKEND": "config.cache.ForgivingRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/14",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


@pytest.mark.parametrize("kept", [0, 300], ids=["built", "kept answers"])
def test_the_api_rate_is_counted_in_the_shared_redis_per_client(client, settings, kept):
    settings.API_RATE = "2/m"
    settings.PAGE_CACHE_SECONDS = kept  # kept: counted with the cache's read, in one trip
    with override_settings(CACHES=FORGIVING):
        cache.clear()
        statuses = [client.get("/api/topics/", REMOTE_ADDR="192.0.2.1").status_code
                    for _ in range(3)]  # fmt: skip
        other = client.get("/api/topics/", REMOTE_ADDR="192.0.2.2").status_code
        cache.clear()
    assert statuses == [200, 200, 429]
    assert other == 200  # another address has its own count


def test_a_kept_api_answer_comes_from_redis_with_its_count(client, settings, monkeypatch):
    from rest_framework.views import APIView

    settings.API_RATE, settings.PAGE_CACHE_SECONDS = "2/m", 300
    with override_settings(CACHES=FORGIVING):
        cache.clear()
        first = client.get("/api/topics/")
        monkeypatch.setattr(APIView, "dispatch", lambda *a, **k: 1 / 0)  # the framework, gone
        kept = client.get("/api/topics/")
        cache.clear()
    assert kept.status_code == 200 and kept.content == first.content
    assert kept["ETag"] == first["ETag"]


def test_with_redis_down_the_api_is_served_not_refused(client, settings):
    settings.API_RATE = "1/m"
    down = {"default": {**FORGIVING["default"], "LOCATION": "redis://127.0.0.1:9/0"}}
    with override_settings(CACHES=down, CACHE_RETRY_SECONDS=0):
        statuses = {client.get("/api/topics/").status_code for _ in range(3)}
    assert statuses == {200}
