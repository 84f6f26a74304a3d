"""What the site says of itself: its name on every page (a template context processor), and
its address in every absolute URL it publishes.

A public URL (JSON-LD, feeds, oEmbed, the API, the sitemap, the CSV's detail links) names the
host of CLAIMTRACK_SITE_URL, never the request's Host header: behind a proxy or with several
allowed host names, the Host a client sends would otherwise end up in what others store and
follow. `PublicAddressMiddleware` makes a reader's GET build its absolute URLs on it, Django's
own (syndication, sitemaps) included; the Host is still checked against ALLOWED_HOSTS first.
The scheme is the connection's: in production every plain-HTTP request is redirected to
HTTPS before it reaches a page."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static


def site(request):
    return {"site_name": settings.SITE_NAME, "publisher_name": settings.PUBLISHER_NAME}


class PublicAddressMiddleware:
    """For readers' GETs and HEADs outside the admin: every absolute URL built from the
    request names the configured site's host (after the real Host passed ALLOWED_HOSTS)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not request.path.startswith("/admin/"):
            request.get_host()  # the real Host, checked: a disallowed one is a 400
            _at_public_address(request)
        return self.get_response(request)


def _at_public_address(request):
    # The host only: the scheme stays the connection's (HTTPS in production, where every
    # plain-HTTP request is redirected first), as do is_secure(), HSTS and secure cookies.
    host = urlsplit(settings.SITE_URL).netloc
    request.get_host = lambda: host  # what Django's own feeds and sitemaps read


def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the page says: the
    site's icon (an SVG among the static files)."""
    return HttpResponsePermanentRedirect(static("claims/favicon.svg"))
