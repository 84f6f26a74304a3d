"""Anonymous public pages from Django's cache (issue 15): a page is kept under the record's
generation (claims.models.state), which moves after every committed change, so an edit, a
publication, an outcome or a merge is on the very next request, and unchanged pages cost
one query (the generation) instead of a dozen.

Only GET and HEAD from anonymous readers, only complete 200 responses (never a stream, an
error or a signed-in editor's page). Applied to the view itself, so everything the
middleware adds (security headers, CORS, request ids) is added to each response afresh.
`CLAIMTRACK_PAGE_CACHE_SECONDS` bounds how long a page is kept (0 turns caching off).

The API's views take CachedResponses instead: it answers from the cache only after the
framework's own checks (throttling, content negotiation), so a cached answer still counts
against a client's rate limit, and conditional GETs (ETag, 304) are answered as before."""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from claims.fragments import current_generation


def _key(request) -> str:
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"claimtrack:page:{current_generation()}:{request.method == 'HEAD'}:{digest}"


def _cacheable_read(request) -> bool:
    return bool(settings.PAGE_CACHE_SECONDS) and request.method in ("GET", "HEAD")


def _cacheable(request) -> bool:
    return _cacheable_read(request) and not request.user.is_authenticated


def cached_page(view):
    """Serve `view` from the cache to anonymous readers while nothing public changed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        found = cache.get(key)
        if found is not None:
            return found
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and isinstance(response, HttpResponse):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
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
