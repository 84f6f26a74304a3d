"""`load_seeds --demo-accounts`: an editor and a chief editor for the demo, with passwords
printed once, and refused on a site with DEBUG off."""

import io
import re

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from claims.models import Claim

pytestmark = pytest.mark.django_db


def _signs_in(username, password) -> bool:
    client = Client()
    client.post("/admin/login/", {"username": username, "password": password})
    return client.get("/admin/").status_code == 200


def test_demo_accounts_can_sign_in_with_the_printed_passwords(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("load_seeds", demo_accounts=True, stdout=out)
    printed = dict(re.findall(r"^  (demo-\S+) \([^)]*\): (\S+)$", out.getvalue(), re.M))
    assert set(printed) == {"demo-editor", "demo-chief"}
    assert _signs_in("demo-editor", printed["demo-editor"])
    assert _signs_in("demo-chief", printed["demo-chief"])
    assert not _signs_in("demo-chief", "a guess")
    assert not User.objects.get(username="demo-editor").has_perm("claims.publish_claim")
    assert User.objects.get(username="demo-chief").has_perm("claims.publish_claim")
    again = io.StringIO()
    call_command("load_seeds", demo_accounts=True, stdout=again)  # new passwords each run
    assert printed["demo-editor"] not in again.getvalue()


def test_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refused when DEBUG is off"):
        call_command("load_seeds", demo_accounts=True, stdout=io.StringIO())
    assert not Claim.objects.exists()  # and nothing was loaded
