"""Requests the site makes to addresses others give it (partner newsrooms' webhooks), under
one set of rules: https only (http when `CLAIMTRACK_OUTBOUND_ALLOW_HTTP`), never to a private,
loopback or link-local address (unless `CLAIMTRACK_OUTBOUND_ALLOW_PRIVATE`, for tests and an
intranet), a short timeout, a bounded answer, and no redirects followed.

The host is resolved once and the connection is made to the address that was checked (with
the name kept for TLS and the Host header), so a name that resolves to a public address when
checked and a private one when used (DNS rebinding) reaches nothing private."""

import ipaddress
import socket
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import urllib3
from django.conf import settings

ANSWER_BYTES = 64 * 1024  # what is read of an answer: its status matters, not its body


class Refused(Exception):
    """An address the site will not send to, with why in words."""


class TooLarge(Exception):
    """An answer longer than the caller reads."""


@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def check(url: str, plain_http: bool = False) -> tuple[str, str, int]:
    """(host, checked IP address, port) of a URL the rules allow; Refused says why not.
    `plain_http`: http is allowed too (reading a public page, where nothing is sent)."""
    parts = urlsplit(url)
    allowed = ("https", "http") if settings.OUTBOUND_ALLOW_HTTP or plain_http else ("https",)
    if parts.scheme not in allowed:
        raise Refused(
            "The address must start with https:// or http://."
            if plain_http
            else "The address must start with https://."
        )
    if not parts.hostname:
        raise Refused("The address has no host name.")
    if parts.username or parts.password:
        raise Refused("The address must not carry a user name or password.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as error:
        raise Refused(f"The host name {parts.hostname!r} cannot be resolved ({error}).") from None
    addresses = [ipaddress.ip_address(info[4][0]) for info in found]
    private = [a for a in addresses if not a.is_global]
    if private and not settings.OUTBOUND_ALLOW_PRIVATE:
        raise Refused(
            f"{parts.hostname} resolves to a private or local address ({private[0]}): "
            "only addresses on the public internet are allowed."
        )
    return parts.hostname, str(addresses[0]), port


def post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    """POST `body` to `url` under the rules; Refused, or urllib3's errors (a timeout, a
    refused connection) for the caller to log and try again."""
    return _request("POST", url, body, headers, ANSWER_BYTES, plain_http=False)


def get(url: str, limit: int, headers: dict[str, str]) -> Answer:
    """GET a public page under the rules (http allowed), reading at most `limit` bytes:
    TooLarge beyond it; Refused, or urllib3's errors, as for post()."""
    return _request("GET", url, None, headers, limit, plain_http=True)


def _request(method, url, body, headers, limit, *, plain_http) -> Answer:
    host, address, port = check(url, plain_http)
    parts = urlsplit(url)
    timeout = urllib3.Timeout(connect=settings.OUTBOUND_TIMEOUT, read=settings.OUTBOUND_TIMEOUT)
    if parts.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address, port, timeout=timeout, server_hostname=host, assert_hostname=host,
            retries=False,
        )  # fmt: skip
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    with pool:
        response = pool.urlopen(
            method, path, body=body, headers={**headers, "Host": parts.netloc},
            redirect=False, preload_content=False,
        )  # fmt: skip
        content = response.read(limit + 1 if method == "GET" else limit)
        answer = Answer(response.status, content[:limit], dict(response.headers))
        response.release_conn()
    if method == "GET" and len(content) > limit:
        raise TooLarge(f"The page is larger than {limit // 1_000_000} MB.")
    return answer
