"""A second factor for those who may publish: with DJANGO_REQUIRE_2FA on, a chief
editor signs in with a password and a real TOTP code (or a single-use recovery code); an
editor who cannot publish needs only the password."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import make_chief_editor, make_editor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_on")]
LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")
PASSWORD = "correct horse battery"


@pytest.fixture
def two_factor_on():
    with override_settings(REQUIRE_2FA=True):
        yield


def sign_in(client, username, **otp):
    data = {"username": username, "password": PASSWORD, "next": INDEX, **otp}
    return client.post(LOGIN, data)


def current_code(device: TOTPDevice) -> str:
    """What the chief editor's authenticator app shows now (RFC 6238, the device's key)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def test_a_chief_editor_signs_in_with_a_real_totp_code():
    chief = make_chief_editor()
    device = TOTPDevice.objects.create(user=chief, name="phone", confirmed=True)
    client = Client()
    refused = sign_in(client, "charles")  # the password alone
    assert refused.status_code == 200
    assert client.get(INDEX).status_code == 302  # not signed in to the admin
    signed_in = sign_in(
        client, "charles", otp_device=device.persistent_id, otp_token=current_code(device)
    )
    assert signed_in.status_code == 302
    assert client.get(INDEX).status_code == 200


def test_a_wrong_code_is_refused():
    chief = make_chief_editor()
    device = TOTPDevice.objects.create(user=chief, name="phone", confirmed=True)
    wrong = f"{(int(current_code(device)) + 1) % 10**device.digits:0{device.digits}d}"
    client = Client()
    response = sign_in(client, "charles", otp_device=device.persistent_id, otp_token=wrong)
    assert response.status_code == 200
    assert client.get(INDEX).status_code == 302


def test_a_recovery_code_works_once():
    chief = make_chief_editor()
    recovery = StaticDevice.objects.create(user=chief, name="recovery codes", confirmed=True)
    recovery.token_set.create(token="k7q2m9x4")
    first = Client()
    ok = sign_in(first, "charles", otp_device=recovery.persistent_id, otp_token="k7q2m9x4")
    assert ok.status_code == 302
    again = sign_in(Client(), "charles", otp_device=recovery.persistent_id, otp_token="k7q2m9x4")
    assert again.status_code == 200  # used up


def test_an_unverified_publisher_session_is_not_let_in():
    client = Client()
    client.force_login(make_chief_editor())  # a password-only session
    assert client.get(INDEX).status_code == 302


def test_an_editor_who_cannot_publish_needs_only_the_password():
    make_editor()
    client = Client()
    assert sign_in(client, "edna").status_code == 302
    assert client.get(INDEX).status_code == 200


def test_off_for_the_demo():
    make_chief_editor()
    client = Client()
    with override_settings(REQUIRE_2FA=False):
        assert sign_in(client, "charles").status_code == 302
        assert client.get(INDEX).status_code == 200


def test_enrolment_a_superuser_shows_a_chief_editor_the_qr_code():
    from django.contrib.auth.models import User

    chief = make_chief_editor()
    device = TOTPDevice.objects.create(user=chief, name="phone", confirmed=True)
    admin = Client()
    admin.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    with override_settings(REQUIRE_2FA=False):  # the first superuser, before its own enrolment
        page = admin.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
        assert page.status_code == 200
        qr = admin.get(reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk]))
    assert qr.status_code == 200
    assert qr["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in qr.content
