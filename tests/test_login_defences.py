"""Login defences (issue 16, first part): wrong passwords lock an account and an address out
for a cool-off (django-axes, held in the database so every worker sees it); staff sessions end
after a working day idle; oversized requests are refused with a 400."""

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


def test_five_wrong_passwords_lock_the_account_for_a_cool_off():
    make_editor("edna")
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "edna", "wrong").status_code == 200  # the form, with its error
    locked = sign_in(client, "edna", "wrong")
    assert locked.status_code == 429
    assert "Signing in is paused" in locked.content.decode()
    # Now even the right password is refused, from another address too (the account is locked).
    assert sign_in(client, "edna", PASSWORD, address="198.51.100.9").status_code == 429
    assert AccessAttempt.objects.filter(username="edna").exists()  # shared by all workers


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
