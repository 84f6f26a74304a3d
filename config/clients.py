"""Who the client is: one reading of its address for the rate limits, the sign-in lockouts
(django-axes) and anything else that counts per client.

Behind `CLAIMTRACK_TRUSTED_PROXIES` proxies (1 with `DJANGO_BEHIND_TLS_PROXY=1`), each proxy
appends the address it saw to X-Forwarded-For, so the client is the entry that many places from
the right: everything to its left was written by the client and may be forged. With fewer
entries than trusted proxies, or an entry that is not an address, the header is not trusted
and the connection's own address is used. With no trusted proxy the header is ignored."""

import ipaddress

from django.conf import settings


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request) -> str:
    own = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXIES
    if not trusted:
        return own
    entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(entries) < trusted:
        return own
    return _address(entries[-trusted]) or own
