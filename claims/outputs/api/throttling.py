"""The API's rate limit per client address, counted where the page cache counts the API
answers it serves (claims.pages.caching.over_api_limit), so a client's kept and fresh answers
share one count: `CLAIMTRACK_API_RATE` in all."""

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from claims.pages.caching import over_api_limit

_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class ClientRateThrottle(BaseThrottle):
    def allow_request(self, request, view):
        return not over_api_limit(request)

    def wait(self):
        """The rate's window: django-ratelimit's windows are fixed, so at most this long."""
        period = settings.API_RATE.split("/")[1]
        return int(period[:-1] or 1) * _SECONDS[period[-1]]
