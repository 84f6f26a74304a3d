import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from tests.factories import make_chief_editor, make_editor

# Read-replica routing is tested on every run (tests/test_replicas.py): when
# DATABASE_REPLICA_URLS names none, one replica alias that mirrors the primary (TEST MIRROR),
# routed to only where tests/test_replicas.py turns the router on (elsewhere the live server
# of the browser tests, whose readers are anonymous, would read it).
if not any(alias.startswith("replica") for alias in django_settings.DATABASES):
    primary = django_settings.DATABASES["default"]
    django_settings.DATABASES["replica_1"] = {**primary, "TEST": {"MIRROR": "default"}}
    django_settings.DATABASE_ROUTERS = []


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: rate-limit counts and records counted under the
    same generation (the database rolls back, the cache would not) do not leak between tests."""
    cache.clear()


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Pages, and their parts (claims.pages.fragments), are built afresh in tests unless a test
    turns their cache on: a test's writes never commit, so the record's generation (which
    retires what is kept after each commit) does not move inside one (tests/test_page_cache.py
    and tests/test_fragments.py move it explicitly)."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def site_address(settings, request):
    """The site's published address is the test client's (http://testserver), or the live
    server's in browser tests, so absolute URLs in pages, feeds and the API are followable."""
    if "live_server" in request.fixturenames:
        settings.SITE_URL = request.getfixturevalue("live_server").url
    else:
        settings.SITE_URL = "http://testserver"


@pytest.fixture(autouse=True)
def live_export(settings):
    """The unfiltered export is run live (its file never read or written) unless a test
    turns the file on, in a directory of its own (tests/test_export_file.py)."""
    settings.EXPORT_REFRESH_SECONDS = 0


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Tasks run in the call that queues them (Django's immediate backend), and alerts wait
    for no hold, unless a test says otherwise (tests/test_background_tasks.py runs the
    database backend and its worker)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


REDIS_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/12",
    }
}


@pytest.fixture(params=[pytest.param(None, id="locmem"), pytest.param(REDIS_CACHE, id="redis")])
def each_cache(request, django_capture_on_commit_callbacks):
    """The test runs on local memory and again on the real Redis server. Yields the on-commit
    capture, with which a test's writes move the record's generation as a commit does."""
    if request.param is None:
        yield django_capture_on_commit_callbacks
        return
    with override_settings(CACHES=request.param):
        cache.clear()
        yield django_capture_on_commit_callbacks
        cache.clear()


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def chief_editor(db):
    return make_chief_editor()


@pytest.fixture
def chief_client(client, chief_editor):
    # A separate client, so a test can act as editor and chief editor side by side.
    from django.test import Client

    other = Client()
    other.force_login(chief_editor)
    return other


@pytest.fixture
def browser(monkeypatch):
    """Debian's Chromium, driven by Playwright (tests/browser.py)."""
    # Playwright's sync API runs an event loop in this thread; the ORM calls in a browser
    # test are still plain synchronous ones.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    from tests.browser import close, launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        close(chromium)


@pytest.fixture(scope="module")
def seeds_for_module(django_db_setup, django_db_blocker):
    """The seeds, loaded once for a module whose tests only read them, rolled back after.
    A module opts in with pytest.mark.usefixtures("seeds_for_module")."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_seeds", verbosity=0)
        yield
        transaction.set_rollback(True)
