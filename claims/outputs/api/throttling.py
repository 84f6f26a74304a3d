"""The API's rate limit per client address, counted where the page cache counts the API
answers it serves (claims.pages.caching.over_api_limit), so a client's kept and fresh answers
share one count: `CLAIMTRACK_API_RATE` in all."""

from rest_framework.throttling import BaseThrottle

from claims.pages.caching import api_rate, over_api_limit


class ClientRateThrottle(BaseThrottle):
    def allow_request(self, request, view):
        return not over_api_limit(request)

    def wait(self):
        """The rate's window: the count is kept per fixed window, so at most this long."""
        return api_rate()[1]
