"""Anonymous public pages from Django's cache: a page is kept under the record's
generation (claims.models.state), which moves after every committed change, so an edit, a
publication, an outcome or a merge is on the very next request, and unchanged pages cost
one query (the generation) instead of a dozen.

Only GET and HEAD from readers without a session (never a signed-in editor's page), only
complete 200 responses of the views `cached_page` marks (never a stream, an error, or a
response that sets a cookie). `PageCacheMiddleware` sits high in the middleware, below the
request id, the security headers, CORS and static files (those are added to each response
afresh) and above everything a reader without a session does not need: the session, CSRF,
authentication, a second factor, messages, rate limits, the CSP and framing headers and
django-axes. It keeps the response as those left it, headers included, so a page from the
cache runs none of them again: measured, they were half of a cached page's time
(bench/README.md). `CLAIMTRACK_PAGE_CACHE_SECONDS` bounds how long a page is kept (0 turns
caching off).

The API's answers are kept the same way (CachedResponses marks them) and served here too,
before the framework runs: a kept API answer still counts against its client's rate limit
(`over_api_limit`, one INCR in the shared cache, the counter the API's own throttle keeps), and
a conditional GET for it gets its 304. Served inside the framework, after its throttle (two
cache round trips) and content negotiation, a kept answer cost twice what a kept page did
(704 against 1,470 req/s at 1M; bench/README.md)."""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response

from claims.pages.fragments import current_generation, served_stale
from config.clients import client_address
from config.env import rate_window
from config.replicas import choose_replica, end_replica

STALE_PAGE_SECONDS = 1


def _key(request) -> str:
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"claimtrack:page:{current_generation()}:{request.method == 'HEAD'}:{digest}"


def _cacheable_read(request) -> bool:
    return bool(settings.PAGE_CACHE_SECONDS) and request.method in ("GET", "HEAD")


def _sessionless_read(request) -> bool:
    # A reader who carries either cookie gets a page built for them: a session may be an
    # editor's, and pending messages are shown once, on the next page built.
    personal = (settings.SESSION_COOKIE_NAME, "messages")
    return _cacheable_read(request) and not any(name in request.COOKIES for name in personal)


class PageCacheMiddleware:
    """Anonymous readers' pages from the cache, as the middleware below it left them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _sessionless_read(request):
            return self.get_response(request)
        # The generation in the key is read from the database the page will be built from:
        # read on the primary while a lagging replica builds the page, an old page would be
        # kept under the new generation.
        token = choose_replica(request, anonymous=True)
        try:
            return self._answer(request)
        finally:
            end_replica(token)

    def _answer(self, request):
        key = _key(request)
        if request.path.startswith(API_PATH):
            found = _found_and_counted(key, request)
        else:
            found = cache.get(key)
        if found is not None:
            if getattr(found, "rate_limited", False) and over_api_limit(request):
                return self.get_response(request)  # the API's throttle answers the 429
            if found.has_header("ETag"):
                etag = found["ETag"]
                if (unchanged := get_conditional_response(request, etag=etag)) is not None:
                    return unchanged
            return found
        request.page_cache_key = key  # cached_page marks what may be kept under it
        response = self.get_response(request)
        if getattr(response, "page_cacheable", False) and not response.cookies:
            cache.set(
                key, response, getattr(response, "page_cache_seconds", settings.PAGE_CACHE_SECONDS)
            )
        return response


def cached_page(view):
    """Let PageCacheMiddleware keep `view`'s complete pages for anonymous readers."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        keep = (
            getattr(request, "page_cache_key", None)
            and not request.user.is_authenticated
            and response.status_code == 200
            and isinstance(response, HttpResponse)  # never a stream
        )
        if keep:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            response.page_cacheable = True
            # A page built from an earlier generation's part (the site record while one
            # reader counts it again) is kept a moment only: long enough that the other
            # readers do not each build it again meanwhile, short enough to be gone soon
            # after the count is.
            stale = served_stale()
            response.page_cache_seconds = (
                STALE_PAGE_SECONDS if stale else settings.PAGE_CACHE_SECONDS
            )
        return response

    return wrapper


API_PATH = "/api/"  # where config/urls.py mounts the API: its requests are rate-limited


def api_rate() -> tuple[int, int]:
    """(requests, per seconds) of `CLAIMTRACK_API_RATE`, e.g. 120/m → (120, 60)."""
    return rate_window(settings.API_RATE)


def _counter(request) -> tuple[str, int]:
    """(the key of this client's count in this window, the window's seconds)."""
    seconds = api_rate()[1]
    window = int(time.time()) // seconds
    return f"claimtrack:api-rate:{client_address(request)}:{window}", seconds


def _found_and_counted(key: str, request):
    """The kept answer at `key`, the request counted against its client's API rate on the
    way (`request.api_count`): one round trip to Redis for both (config/cache.py)."""
    counter, seconds = _counter(request)
    if hasattr(cache, "get_and_count"):
        found, request.api_count = cache.get_and_count(key, counter, seconds)
    else:
        found, request.api_count = cache.get(key), _count_here(counter, seconds)
    return found


def over_api_limit(request) -> bool:
    """Whether a request is over its client's API rate, counting it unless the page cache
    already did (a fixed window per client address). With the cache down nothing is counted
    and nobody is refused (fails open). Measured, django-ratelimit's add-then-incr beside the
    cache's get cost a kept API answer a third of its rate (bench/README.md)."""
    request = getattr(request, "_request", request)  # Django's request under DRF's
    if not hasattr(request, "api_count"):
        counter, seconds = _counter(request)
        request.api_count = _count_here(counter, seconds)
    return request.api_count is not None and request.api_count > api_rate()[0]


def _count_here(key: str, seconds: int) -> int | None:
    """One more on the counter at `key` with the cache's own add and incr (two or three
    round trips on Redis: used where the page cache has not counted the request already)."""
    if cache.add(key, 1, seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two, or the cache is down
        return None


class CachedResponses:
    """For Django REST framework views: anonymous answers kept by PageCacheMiddleware under
    the URL and the generation, and served by it, counted against the client's API rate.
    The API authenticates nobody (every answer is the public's), so who is signed in does not
    matter here."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if getattr(request, "page_cache_key", None) and response.status_code == 200:
            response.render()
            response.page_cacheable = True
            response.rate_limited = True
        return response
