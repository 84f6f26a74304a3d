"""Login defences: wrong passwords lock the address they came from out for a cool-off
(django-axes, held in the database so every worker sees it), never an editor signing in from
another address, behind the TLS proxy too (the client's address is the one the trusted proxy
saw, not the proxy's own); staff sessions end after a working day idle; oversized requests are
refused with a 400."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.factories import make_editor

pytestmark = pytest.mark.django_db
LOGIN = reverse("admin:login")
PASSWORD = "correct horse battery"


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR=address,
    )


def test_five_wrong_passwords_lock_the_address_for_a_cool_off():
    make_editor("edna")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "edna", "wrong").status_code == 200  # the form, with its error
    locked = sign_in(client, "edna", "wrong")
    assert locked.status_code == 429
    assert "Signing in is paused" in locked.content.decode()
    # Now even the right password is refused from that address, for any username...
    assert sign_in(client, "edna", PASSWORD).status_code == 429
    assert AccessAttempt.objects.filter(username="edna").exists()  # shared by all workers
    # ...but Edna signs in from her own address: a stranger's guesses never lock her out.
    assert sign_in(Client(), "edna", PASSWORD, address="198.51.100.9").status_code == 302


def via_proxy(client, username, password, client_address):
    """A sign-in as the TLS proxy forwards it: the proxy connects from 10.0.0.2 and appends
    the address it saw to the client's X-Forwarded-For ($proxy_add_x_forwarded_for)."""
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": reverse("admin:index")},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=f"10.9.9.9, {client_address}",  # the first part is forged
        HTTP_X_FORWARDED_PROTO="https",
    )


def test_behind_the_proxy_one_client_cannot_lock_out_the_newsroom(settings):
    settings.TRUSTED_PROXIES = 1
    make_editor("edna")
    attacker, editor = Client(), Client()
    for number in range(settings.AXES_FAILURE_LIMIT + 2):  # made-up usernames
        via_proxy(attacker, f"nobody{number}", "wrong", "203.0.113.66")
    assert via_proxy(attacker, "edna", PASSWORD, "203.0.113.66").status_code == 429
    assert via_proxy(editor, "edna", PASSWORD, "198.51.100.9").status_code == 302
    attempts = AccessAttempt.objects.values_list("ip_address", flat=True).distinct()
    assert set(attempts) == {"203.0.113.66"}  # the real client, not the proxy's 10.0.0.2


def test_the_lockout_ends_after_the_cool_off():
    make_editor("edna")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "edna", "wrong")
    assert sign_in(client, "edna", PASSWORD).status_code == 429
    past = datetime.timedelta(minutes=16)
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= past
        attempt.save()
    assert sign_in(client, "edna", PASSWORD).status_code == 302  # signed in


def test_an_administrator_unlocks_with_a_command():
    make_editor("edna")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "edna", "wrong")
    call_command("axes_reset_username", "edna", verbosity=0)
    call_command("axes_reset_ip", "203.0.113.7", verbosity=0)
    assert sign_in(client, "edna", PASSWORD).status_code == 302


def test_staff_sessions_expire_after_a_working_day_idle():
    make_editor("edna")
    client = Client()
    assert sign_in(client, "edna", PASSWORD).status_code == 302
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST  # counted from the last request


def test_an_oversized_post_is_a_400_not_a_500(editor_client):
    body = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = editor_client.post(
        reverse("admin:claims_claim_add"), {"text": body}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 400
    assert "larger than this site accepts" in response.content.decode()
