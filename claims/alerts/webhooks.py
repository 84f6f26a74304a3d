"""Deliveries to partner newsrooms' webhooks: JSON (the API's serialisation of the claim),
signed with HMAC-SHA256 over the timestamp and the body, tried again with backoff for a day,
each try written in the delivery log.

A receiver checks `X-Claimtrack-Signature: t=<unix time>,v1=<hex>`: v1 is
HMAC-SHA256(secret, "<t>." + body), and t is recent (say, within five minutes)."""

import datetime
import hashlib
import hmac
import json
import logging
import time

import urllib3
from django.conf import settings
from django.utils import timezone
from django_tasks import task

from claims import outbound
from claims.background import queue
from claims.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from claims.outputs.serialise import claim_dict

log = logging.getLogger("claimtrack.webhooks")
# Seconds before the next try after each failed one; past a day from the first, no more.
BACKOFF = [60, 300, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600]
GIVE_UP_AFTER = datetime.timedelta(days=1)


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def body(kind: str, happened_at, claim) -> str:
    """The JSON sent for an event: its kind, when, and the claim as GET /api/claims/{id}/
    gives it (`claim` fetched with Claim.objects.for_data())."""
    data = {"event": kind, "happened_at": happened_at.isoformat(),
            "claim": claim_dict(claim, _absolute)}  # fmt: skip
    return json.dumps(data, ensure_ascii=False, default=str)


def signature(secret: str, timestamp: int, payload: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def _headers(delivery: WebhookDelivery, payload: bytes) -> dict[str, str]:
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": f"{settings.SITE_NAME} webhooks",
        "X-Claimtrack-Event": delivery.what,
        "X-Claimtrack-Delivery": str(delivery.pk),
        "X-Claimtrack-Signature": signature(delivery.endpoint.secret, int(time.time()), payload),
    }


def _try(delivery: WebhookDelivery) -> tuple[int | None, str]:
    """(status code, error) of one try; an empty error is a delivery."""
    payload = delivery.body.encode()
    try:
        answer = outbound.post(delivery.endpoint.url, payload, _headers(delivery, payload))
    except outbound.Refused as error:
        return None, str(error)
    except (urllib3.exceptions.HTTPError, OSError) as error:
        return None, f"{type(error).__name__}: {error}"[:300]
    if 200 <= answer.status < 300:
        return answer.status, ""
    if 300 <= answer.status < 400:
        return answer.status, f"answered {answer.status}: redirects are not followed"
    return answer.status, f"answered {answer.status}"


def attempt(delivery: WebhookDelivery, now=None, *, again: bool = True) -> bool:
    """Try a delivery once and log how it went; a failure is tried again later (`again`),
    until a day has passed. True when delivered."""
    code, error = _try(delivery)
    now = now or timezone.now()
    delivery.attempts += 1
    delivery.last_status_code, delivery.last_error = code, error
    if not error:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
            DeliveryStatus.DELIVERED, now, None
        )  # fmt: skip
    else:
        wait = BACKOFF[min(delivery.attempts - 1, len(BACKOFF) - 1)]
        later = now + datetime.timedelta(seconds=wait)
        if not again or later - delivery.created_at > GIVE_UP_AFTER:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
        else:
            delivery.next_attempt_at = later
    delivery.save()
    log.info("webhook tried", extra={"event": "webhook", "delivery": delivery.pk,
                                     "status_code": code, "error": error})  # fmt: skip
    if delivery.next_attempt_at is not None:
        queue(deliver, delivery.pk, run_after=delivery.next_attempt_at)
    return not error


@task()
def deliver(delivery_pk: int) -> bool:
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_pk).first()
    if delivery is None or delivery.status != DeliveryStatus.PENDING:
        return False  # delivered, given up, or its endpoint removed meanwhile
    return attempt(delivery)


def retry_due(now: datetime.datetime) -> int:
    """Deliveries whose next try is overdue by a minute (their queued try was lost: a queue
    that was down, a backend that cannot wait): tried now."""
    due = WebhookDelivery.objects.filter(
        status=DeliveryStatus.PENDING,
        next_attempt_at__lte=now - datetime.timedelta(minutes=1),
        endpoint__active=True,
    ).select_related("endpoint")
    tried = 0
    for delivery in due:
        attempt(delivery, now)
        tried += 1
    return tried


def send_test(endpoint: WebhookEndpoint) -> WebhookDelivery:
    """A test delivery, tried at once (the admin's "send test" shows how it went)."""
    payload = json.dumps({"event": "test", "endpoint": endpoint.name,
                          "sent_at": timezone.now().isoformat()})  # fmt: skip
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, what="test", body=payload)
    attempt(delivery, again=False)
    return delivery


def queue_all(deliveries: list[WebhookDelivery]):
    for delivery in deliveries:
        queue(deliver, delivery.pk)
