"""What the site says of itself: its name on every page (a template context processor), and
its address in every absolute URL it publishes.

A public URL (JSON-LD, feeds, oEmbed, the API, the sitemap, the CSV's detail links) is built
from CLAIMTRACK_SITE_URL, never from the request's Host header: behind a proxy or with several
allowed host names, the Host a client sends would otherwise end up in what others store and
follow. `PublicAddressMiddleware` makes a reader's GET build its absolute URLs from it,
Django's own (syndication, sitemaps) included; the Host is still checked against
ALLOWED_HOSTS first."""

from urllib.parse import urlsplit

from django.conf import settings


def site(request):
    return {"site_name": settings.SITE_NAME, "publisher_name": settings.PUBLISHER_NAME}


def public_url(location: str = "/") -> str:
    """`location` (a path on this site) as the address the site publishes."""
    if urlsplit(location).scheme:
        return location
    return settings.SITE_URL + location


class PublicAddressMiddleware:
    """For readers' GETs and HEADs outside the admin: the request's host and scheme are the
    configured site's (after the real Host passed ALLOWED_HOSTS), so every absolute URL built
    from the request is the public one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not request.path.startswith("/admin/"):
            request.get_host()  # the real Host, checked: a disallowed one is a 400
            _at_public_address(request)
        return self.get_response(request)


def _at_public_address(request):
    address = urlsplit(settings.SITE_URL)
    request.get_host = lambda: address.netloc
    request.is_secure = lambda: address.scheme == "https"
    request._get_scheme = lambda: address.scheme
    if settings.SECURE_PROXY_SSL_HEADER:  # read before _get_scheme by request.scheme
        header, secure = settings.SECURE_PROXY_SSL_HEADER
        request.META[header] = secure if address.scheme == "https" else "http"
