"""The demo: `load_seeds --demo-accounts` gives an editor and a chief editor passwords
printed once (refused on a site with DEBUG off), the seed load logs one line, and `manage.py
demo` prints the passwords after the server's banner."""

import io
import logging
import os
import re
import socket
import subprocess
import sys
import urllib.request

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


def test_loading_the_seeds_logs_one_summary_not_a_line_per_claim(caplog):
    with caplog.at_level("INFO"):
        call_command("load_seeds", stdout=io.StringIO())
    mine = [r for r in caplog.records if r.name.startswith("claimtrack")]
    assert [r.getMessage() for r in mine] == [
        "seeds loaded: appearance created: 111, article created: 3, claim created: 111, "
        "claim published: 111, claimant created: 23, outcome created: 107, topic created: 8"
    ]
    assert logging.getLogger("claimtrack.workflow").level != logging.WARNING  # put back


def test_the_demo_prints_the_passwords_last_and_logs_requests_as_text(tmp_path):
    """The README's demo, run as a person runs it: the passwords come after the server's
    banner, and each request is one readable line (not JSON)."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"}
    env.pop("CLAIMTRACK_LOG_FORMAT", None)
    env["DJANGO_DEBUG"] = "1"
    server = subprocess.Popen(
        [sys.executable, "manage.py", "demo", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        lines = []
        while not (lines and lines[-1].startswith("  demo-chief")):
            line = server.stdout.readline()
            assert line, "".join(lines)
            lines.append(line)
        banner = next(i for i, line in enumerate(lines) if "Quit the server" in line)
        assert "Demo accounts" in "".join(lines[banner:]) and "{" not in "".join(lines)
        urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt").read()
        logged = server.stdout.readline()
        assert re.search(r'INFO django.server: "GET /robots.txt HTTP/1.1" 200', logged)
    finally:
        server.terminate()
        server.wait(10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
