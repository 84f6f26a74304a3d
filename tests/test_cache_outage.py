"""A shared cache that is down degrades the site, never breaks it: with Redis stopped, every
public page, feed, API answer and export is built from the database, editors sign in, /healthz
says "degraded" (200, so a load balancer keeps the node), the rate limits let readers through,
and once Redis is back the cache is used again. Against a real redis-server, stopped."""

import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from config import cache as forgiving
from tests.factories import make_editor, make_sourced_claim

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server"),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisProcess:
    def __init__(self):
        self.port = _free_port()
        self.process = None

    def start(self):
        command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
        for _ in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture
def redis_that_stops(settings):
    server = RedisProcess()
    server.start()
    caches = {
        "default": {
            "BACKEND": "config.cache.ForgivingRedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRAGMENT_CACHE_SECONDS = 300
    settings.CACHE_RETRY_SECONDS = 0  # every request tries Redis again
    forgiving._outage.update(until=0.0, since=None)
    with override_settings(CACHES=caches):
        yield server
    if server.process.poll() is None:
        server.stop()
    forgiving._outage.update(until=0.0, since=None)


def _public_urls(claim):
    return [
        "/",
        "/claims/",
        "/claims/?q=resume",
        claim.get_absolute_url(),
        claim.claimant.get_absolute_url(),
        "/record/",
        "/verdicts/",
        "/claims/feed.atom",
        "/feeds/verdicts.atom",
        "/api/claims/",
        f"/api/claims/{claim.pk}/",
        "/claims/export.csv",
        "/claims/export.csv?q=resume",
        "/sitemap.xml",
        f"/oembed?url=http://testserver{claim.get_absolute_url()}",
        "/claimreview.json",
    ]


def _read(client, url):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def test_with_redis_stopped_every_public_page_is_built_from_the_database(redis_that_stops):
    claim = make_sourced_claim("Talks will resume in a couple of weeks.")
    reader = Client()
    for url in _public_urls(claim):  # warm: pages kept in the running Redis
        assert _read(reader, url).status_code == 200, url
    redis_that_stops.stop()
    for url in _public_urls(claim):
        response = _read(reader, url)
        assert response.status_code == 200, url
    assert "Talks will resume" in reader.get("/claims/").content.decode()


def test_with_redis_stopped_healthz_says_degraded_and_editors_sign_in(redis_that_stops):
    make_editor("edna")
    assert Client().get("/healthz").json() == {"status": "ok", "database": "ok", "cache": "ok"}
    redis_that_stops.stop()
    health = Client().get("/healthz")
    assert health.status_code == 200
    assert health.json() == {"status": "degraded", "database": "ok", "cache": "unreachable"}
    editor = Client()
    assert editor.get(reverse("admin:login")).status_code == 200
    signed_in = editor.post(
        reverse("admin:login"),
        {"username": "edna", "password": "correct horse battery", "next": "/admin/"},
    )
    assert signed_in.status_code == 302
    assert editor.get("/admin/").status_code == 200


def test_with_redis_stopped_the_rate_limit_lets_readers_through(redis_that_stops, settings):
    settings.EXPORT_RATE = "1/m"
    make_sourced_claim("Talks resume soon.")
    redis_that_stops.stop()
    reader = Client()
    statuses = [_read(reader, "/claims/export.csv?q=talks").status_code for _ in range(3)]
    assert statuses == [200, 200, 200]


def test_the_cache_is_used_again_once_redis_is_back(redis_that_stops):
    redis_that_stops.stop()
    assert cache.get("anything", "missed") == "missed"
    assert forgiving.cache_down() is False  # no wait with a retry interval of 0
    redis_that_stops.start()
    cache.set("anything", "kept", 30)
    assert cache.get("anything") == "kept"
    assert forgiving._outage["since"] is None  # the outage is over


def test_an_outage_skips_redis_for_the_retry_interval(redis_that_stops, settings):
    settings.CACHE_RETRY_SECONDS = 60
    redis_that_stops.stop()
    cache.get("anything")
    assert forgiving.cache_down()
    started = time.monotonic()
    for _ in range(50):
        assert cache.get("anything") is None
    assert time.monotonic() - started < 0.5  # not 50 connection attempts
