"""Partner newsrooms' webhooks, against a real HTTP server on this machine that checks each
delivery's signature the way a receiver would: JSON in the API's shape, signed, tried again
with backoff for a day, logged, never to a private or plain-http address in production."""

import datetime
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from django.utils import timezone

from claims import outbound
from claims.alerts import webhooks
from claims.alerts.dispatch import dispatch
from claims.models import Correction, DeliveryStatus, FollowKind, WebhookDelivery, WebhookEndpoint
from tests.alerts import committed
from tests.factories import make_claim, make_outcome, make_sourced_claim

pytestmark = pytest.mark.django_db
SECRET = "a shared secret the partner keeps"


class Receiver:
    """A partner's receiver: answers from `answers` in turn (then 200) and keeps what came,
    with whether its signature was right and recent."""

    def __init__(self):
        self.answers, self.received, self.delay = [], [], 0.0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                verified = receiver.verified(self.headers, body)
                receiver.received.append((dict(self.headers), body, verified))
                time.sleep(receiver.delay)
                status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/claimtrack"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @staticmethod
    def verified(headers, body: bytes) -> bool:
        fields = dict(part.split("=", 1) for part in headers["X-Claimtrack-Signature"].split(","))
        expected = hmac.new(SECRET.encode(), f"{fields['t']}.".encode() + body, hashlib.sha256)
        recent = abs(time.time() - int(fields["t"])) < 300
        return recent and hmac.compare_digest(expected.hexdigest(), fields["v1"])


@pytest.fixture
def receiver(settings):
    settings.OUTBOUND_ALLOW_HTTP = settings.OUTBOUND_ALLOW_PRIVATE = True  # this machine
    settings.OUTBOUND_TIMEOUT = 1
    running = Receiver()
    yield running
    running.server.shutdown()


@pytest.fixture
def claim():
    return make_sourced_claim("Talks will resume in a couple of weeks.")


def endpoint_for(receiver, **follows) -> WebhookEndpoint:
    follows = follows or {"kind": FollowKind.EVERYTHING}
    return WebhookEndpoint.objects.create(name="Partner desk", url=receiver.url, secret=SECRET,
                                          **follows)  # fmt: skip


def after_hold(minutes=6):
    with committed():
        dispatch(now=timezone.now() + datetime.timedelta(minutes=minutes))


def test_a_verdict_is_delivered_signed_in_the_apis_shape(client, receiver, claim):
    endpoint_for(receiver, kind=FollowKind.CLAIM, claim=claim)
    make_outcome(claim)
    after_hold()
    [(headers, body, verified)] = receiver.received
    assert verified
    assert headers["X-Claimtrack-Event"] == "verdict"
    sent = json.loads(body)
    api = client.get(reverse("api:claim", args=[claim.pk])).json()
    assert sent["event"] == "verdict"
    assert sent["claim"]["verdict"] == api["verdict"] == "false"
    assert sent["claim"].keys() == api.keys()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 200)


def test_nothing_is_sent_within_the_hold_nor_for_a_draft(receiver, claim):
    endpoint_for(receiver)
    draft = make_claim("A draft nobody sees.", status="draft")
    make_outcome(draft)
    Correction.objects.create(claim=draft, note="Not public.")
    make_outcome(claim)
    with committed():
        dispatch(now=timezone.now() + datetime.timedelta(minutes=1))
    assert receiver.received == []  # held five minutes, in case it is undone
    after_hold()
    assert [json.loads(b)["claim"]["id"] for _, b, _ in receiver.received] == [claim.pk]


def test_a_failed_delivery_is_tried_again_with_backoff_and_logged(receiver, claim):
    endpoint_for(receiver, kind=FollowKind.CLAIM, claim=claim)
    receiver.answers = [500]
    make_outcome(claim)
    after_hold()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
    assert delivery.last_error == "answered 500"
    wait = delivery.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=50) < wait < datetime.timedelta(seconds=70)
    after_hold(minutes=8)  # the queued try was lost (this backend cannot wait): the pass tries
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 2, 200)
    assert len(receiver.received) == 2
    assert receiver.received[0][1] == receiver.received[1][1]  # the same bytes each try


def test_a_receiver_that_keeps_failing_is_given_up_after_a_day(receiver, claim):
    endpoint = endpoint_for(receiver)
    receiver.answers = [503] * 20
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, what="verdict", body="{}")
    now = timezone.now()
    while delivery.status == DeliveryStatus.PENDING:
        webhooks.attempt(delivery, now)
        now = delivery.next_attempt_at or now
    assert delivery.status == DeliveryStatus.FAILED
    assert 6 <= delivery.attempts <= 8
    assert now - delivery.created_at <= datetime.timedelta(days=1)


def test_a_timeout_and_a_redirect_are_failures_not_followed(receiver, claim):
    endpoint = endpoint_for(receiver)
    receiver.delay = 1.5
    slow = WebhookDelivery.objects.create(endpoint=endpoint, what="verdict", body="{}")
    webhooks.attempt(slow)
    assert "timed out" in slow.last_error.lower() and slow.last_status_code is None
    receiver.delay = 0
    receiver.answers = [302]
    moved = WebhookDelivery.objects.create(endpoint=endpoint, what="verdict", body="{}")
    webhooks.attempt(moved)
    assert moved.last_error == "answered 302: redirects are not followed"
    assert len(receiver.received) == 2  # nothing went to the redirect's address


@pytest.mark.parametrize(
    "url, message",
    [
        ("http://partner.example.org/hook", "must start with https://"),
        ("https://127.0.0.1/hook", "private or local address"),
        ("https://10.1.2.3/hook", "private or local address"),
        ("https://localhost/hook", "private or local address"),
        ("https://[::1]/hook", "private or local address"),
        ("https://user:pw@partner.example.org/hook", "user name or password"),
    ],
)
def test_production_rules_refuse_plain_http_and_private_addresses(settings, url, message):
    settings.OUTBOUND_ALLOW_HTTP = settings.OUTBOUND_ALLOW_PRIVATE = False
    with pytest.raises(outbound.Refused, match=message):
        outbound.check(url)


def test_a_chief_editor_registers_an_endpoint_and_sends_a_test(chief_client, receiver):
    add = reverse("admin:claims_webhookendpoint_add")
    form = {"name": "Partner desk", "url": receiver.url, "active": "on", "kind": "everything",
            "deliveries-TOTAL_FORMS": "0", "deliveries-INITIAL_FORMS": "0"}  # fmt: skip
    response = chief_client.post(add, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    endpoint = WebhookEndpoint.objects.get()
    assert len(endpoint.secret) >= 40
    endpoint.secret = SECRET
    endpoint.save()
    changelist = reverse("admin:claims_webhookendpoint_changelist")
    done = chief_client.post(changelist, {"action": "send_test", "_selected_action": [endpoint.pk]},
                             follow=True)  # fmt: skip
    assert "Partner desk: delivered (200)." in done.content.decode()
    [(headers, body, verified)] = receiver.received
    assert verified and json.loads(body)["event"] == "test"
    log = chief_client.get(reverse("admin:claims_webhookendpoint_change", args=[endpoint.pk]))
    assert "delivered" in log.content.decode()


def test_the_admin_refuses_an_address_the_rules_do_not_allow(chief_client, settings):
    settings.OUTBOUND_ALLOW_HTTP = settings.OUTBOUND_ALLOW_PRIVATE = False
    form = {"name": "Intranet", "url": "https://192.168.1.10/hook", "kind": "everything",
            "deliveries-TOTAL_FORMS": "0", "deliveries-INITIAL_FORMS": "0"}  # fmt: skip
    response = chief_client.post(reverse("admin:claims_webhookendpoint_add"), form)
    assert response.status_code == 200
    assert "private or local address" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_an_editor_cannot_see_the_webhooks(editor_client):
    response = editor_client.get(reverse("admin:claims_webhookendpoint_changelist"))
    assert response.status_code == 403
