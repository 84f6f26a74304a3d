"""Anonymous public pages from Django's cache (issue 15): a page is kept under the record's
generation (claims.models.state), which moves after every committed change, so an edit, a
publication, an outcome or a merge is on the very next request, and unchanged pages cost
one query (the generation) instead of a dozen.

Only GET and HEAD from anonymous readers, only complete 200 responses (never a stream, an
error or a signed-in editor's page). Applied to the view itself, so everything the
middleware adds (security headers, CORS, request ids) is added to each response afresh.
`CLAIMTRACK_PAGE_CACHE_SECONDS` bounds how long a page is kept (0 turns caching off)."""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from claims.models import RecordState


def _key(request) -> str:
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"claimtrack:page:{RecordState.current()}:{request.method == 'HEAD'}:{digest}"


def _cacheable(request) -> bool:
    if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
        return False
    return not request.user.is_authenticated


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
