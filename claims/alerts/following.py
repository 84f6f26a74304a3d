"""Every write of a reader's follows, one function each (the views only ask): follow,
confirm, unfollow one thing, forget an address, and forget what was never confirmed."""

import datetime
import logging
import smtplib

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from claims.alerts import mails
from claims.alerts.links import UNCONFIRMED_DAYS
from claims.background import queue
from claims.models import Follow, Follower

log = logging.getLogger("claimtrack.alerts")
CONFIRMATION_GAP = datetime.timedelta(hours=1)  # never two confirmation mails within it


class Refused(Exception):
    """A follow the rules do not allow, with why in words."""


def follow(email: str, target: dict) -> Follow:
    """Ask to follow `target` (a Follow's kind and target fields) from `email`: the follow
    waits for the address's confirmation, and a confirmation mail is queued (at most one an
    hour to an address)."""
    email = email.strip().lower()
    with transaction.atomic():
        follower, _ = Follower.objects.select_for_update().get_or_create(email=email)
        existing = follower.follows.filter(**target).first()
        if existing is None and follower.follows.count() >= settings.ALERTS_MAX_FOLLOWS:
            raise Refused(
                f"This address already follows {settings.ALERTS_MAX_FOLLOWS} things, the most "
                "we allow: stop following something first (the link in any alert)."
            )
        followed = existing or Follow.objects.create(follower=follower, **target)
        if followed.confirmed_at is None:
            pk = follower.pk
            transaction.on_commit(lambda: queue(send_confirmation, pk))
    return followed


def claim_confirmation(follower_pk: int) -> Follower | None:
    """The follower a confirmation mail may go to now, its sending recorded; None when one
    went within the hour or nothing waits for confirmation."""
    with transaction.atomic():
        follower = Follower.objects.select_for_update().filter(pk=follower_pk).first()
        now = timezone.now()
        if follower is None or not follower.follows.filter(confirmed_at__isnull=True).exists():
            return None
        sent = follower.confirmation_sent_at
        if sent is not None and now - sent < CONFIRMATION_GAP:
            return None
        follower.confirmation_sent_at = now
        follower.save(update_fields=["confirmation_sent_at"])
    return follower


@task()
def send_confirmation(follower_pk: int) -> bool:
    """Mail the confirmation link, unless one went within the hour; a mail server that
    fails leaves no record of sending, so the next ask sends it."""
    follower = claim_confirmation(follower_pk)
    if follower is None:
        return False
    try:
        mails.confirmation(follower).send()
    except (OSError, smtplib.SMTPException):
        Follower.objects.filter(pk=follower.pk).update(confirmation_sent_at=None)
        log.exception("confirmation not sent", extra={"event": "confirmation_not_sent"})
        return False
    return True


def confirm(follower: Follower) -> int:
    """The address confirmed: it and everything it asked to follow are on. Returns how many
    follows this turned on."""
    now = timezone.now()
    with transaction.atomic():
        if follower.confirmed_at is None:
            follower.confirmed_at = now
            follower.save(update_fields=["confirmed_at"])
        return follower.follows.filter(confirmed_at__isnull=True).update(confirmed_at=now)


def unfollow(follower: Follower, follow_pk: int):
    """Stop one follow; an address left following nothing is forgotten."""
    with transaction.atomic():
        follower.follows.filter(pk=follow_pk).delete()
        if not follower.follows.exists():
            forget(follower)


def forget(follower: Follower):
    """Unsubscribe: the address and all it follows are deleted, not flagged."""
    Follower.objects.filter(pk=follower.pk).delete()
    log.info("address unsubscribed", extra={"event": "unsubscribe"})


def forget_unconfirmed(now: datetime.datetime) -> int:
    """Addresses never confirmed, and follows never confirmed, after 7 days: deleted."""
    before = now - datetime.timedelta(days=UNCONFIRMED_DAYS)
    never = {"confirmed_at__isnull": True, "created_at__lt": before}
    addresses, _ = Follower.objects.filter(**never).delete()
    Follow.objects.filter(**never).delete()
    return addresses
