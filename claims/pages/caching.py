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

The API's views take CachedResponses instead: it answers from the cache only after the
framework's own checks (throttling, content negotiation), so a cached answer still counts
against a client's rate limit, and conditional GETs (ETag, 304) are answered as before."""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from claims.pages.fragments import current_generation, served_stale
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
        found = cache.get(key)
        if found is not None:
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


class CachedResponses:
    """For Django REST framework views: anonymous GETs from the cache, keyed by the URL, the
    generation and the format negotiated. A view's get() runs after the framework's checks,
    so wrapping it (for every subclass, whether it defines get() or inherits it) keeps the
    throttle in front of the cache. The API authenticates nobody (every answer is the
    public's), so who is signed in does not matter here."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not getattr(cls.get, "answers_from_cache", False):
            cls.get = _from_cache(cls.get)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        key = getattr(request, "page_cache_key", None)
        if key and response.status_code == 200 and hasattr(response, "render"):
            response.render()
            value = (response.content, response["Content-Type"])
            cache.set(key, value, settings.PAGE_CACHE_SECONDS)
        return response


def _from_cache(get):
    @wraps(get)
    def wrapper(self, request, *args, **kwargs):
        if not _cacheable_read(request):
            return get(self, request, *args, **kwargs)
        key = f"{_key(request)}:{request.accepted_renderer.format}"
        found = cache.get(key)
        if found is not None:
            content, content_type = found
            return HttpResponse(content, content_type=content_type)
        request.page_cache_key = key  # finalize_response keeps what get() gives
        return get(self, request, *args, **kwargs)

    wrapper.answers_from_cache = True
    return wrapper
