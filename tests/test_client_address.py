"""The client's address, read one way for the rate limits, the sign-in lockouts and DRF's
throttles: behind N trusted proxies it is the N-th entry from the right of X-Forwarded-For
(what the client wrote to the left is ignored); a header too short or not an address is not
trusted; with no trusted proxy the header is ignored."""

import pytest
from django.test import RequestFactory

from config.clients import client_address


@pytest.mark.parametrize(
    ("trusted", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.2"),  # no proxy trusted: a client's header means nothing
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # forged entries to the left
        (1, "", "10.0.0.2"),
        (1, "6.6.6.6, not-an-address", "10.0.0.2"),
        (2, "6.6.6.6, 203.0.113.7, 10.0.0.3", "203.0.113.7"),
        (2, "10.0.0.3", "10.0.0.2"),  # fewer entries than proxies: not trusted
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_is_the_address_the_trusted_proxies_saw(settings, trusted, forwarded, expected):
    settings.TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected
