"""The links in alert mails: signed, so only the mailbox that received one can use it. A
confirmation link lasts as long as an unconfirmed address is kept (7 days); the link to an
address's follows (and its one-click unsubscribe) lasts as long as the address."""

import hashlib

from django.conf import settings
from django.core import signing
from django.urls import reverse

from claims.models import Follower

CONFIRM = "claimtrack.alerts.confirm"
MANAGE = "claimtrack.alerts.manage"
UNCONFIRMED_DAYS = 7


class BadLink(Exception):
    """A link that is tampered with, expired, or names an address no longer kept."""


def _fingerprint(email: str) -> str:
    # The address is not in the link itself, only enough to tell it from another.
    return hashlib.sha256(email.encode()).hexdigest()[:16]


def token(follower: Follower, purpose: str) -> str:
    return signing.dumps([follower.pk, _fingerprint(follower.email)], salt=purpose)


def follower_from(value: str, purpose: str) -> Follower:
    max_age = UNCONFIRMED_DAYS * 86400 if purpose == CONFIRM else None
    try:
        pk, fingerprint = signing.loads(value, salt=purpose, max_age=max_age)
    except signing.SignatureExpired:
        raise BadLink("This link has expired: follow again to get a new one.") from None
    except (signing.BadSignature, ValueError, TypeError):
        raise BadLink("This link is not one we sent: check that it was copied whole.") from None
    follower = Follower.objects.filter(pk=pk).first()
    if follower is None or _fingerprint(follower.email) != fingerprint:
        raise BadLink("This address no longer follows anything here.")
    return follower


def confirm_url(follower: Follower) -> str:
    return settings.SITE_URL + reverse("alerts:confirm", args=[token(follower, CONFIRM)])


def manage_url(follower: Follower) -> str:
    return settings.SITE_URL + reverse("alerts:manage", args=[token(follower, MANAGE)])


def unsubscribe_url(follower: Follower) -> str:
    return settings.SITE_URL + reverse("alerts:unsubscribe", args=[token(follower, MANAGE)])
