"""Fault test: gunicorn with 4 workers under mixed load, one worker killed halfway.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_fault python -m bench.fault

Eight client threads send requests for --seconds (60): 90% public reads (the list, claim
pages), 10% editor saves through the admin's own change form (each thread edits its own
draft claim, so saves never conflict). Halfway, one worker is killed with SIGKILL; gunicorn
starts another. At the end every save the server acknowledged with a redirect is looked for
in the claim's history: none may be missing. Prints a Markdown summary (bench/README.md).
The server runs with DEBUG on so the clients can keep plain-HTTP session cookies.
"""

import argparse
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from html.parser import HTMLParser
from http.cookies import SimpleCookie

from bench.setup_django import ROOT, ensure_database, setup

THREADS = 8
WORKERS = 4
PASSWORD = "fault-test-password-2019"


class FormFields(HTMLParser):
    """The fields a browser would post from the admin's change form, unchanged."""

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((name, a.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields.append((name, ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, (value + data).removeprefix("\n"))


class Client:
    """One browser: its own cookies, plain urllib (no redirects followed)."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base):
        self.base = base
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(self._NoRedirect)

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        request.add_header("Referer", self.base + path)
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        return response.status, response.read().decode("utf-8", "replace")

    def sign_in(self, username):
        self.request("/admin/login/")
        status, _ = self.request(
            "/admin/login/",
            {
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
                "next": "/admin/",
            },
        )
        assert status == 302, f"{username} could not sign in ({status})"

    def save_role(self, claim_pk, role) -> int:
        path = f"/admin/claims/claim/{claim_pk}/change/"
        status, page = self.request(path)
        if status != 200:
            return status
        parser = FormFields()
        parser.feed(page)
        fields = [(k, v) for k, v in parser.fields if k not in ("claimant_role", "q", "_save")]
        fields += [("claimant_role", role), ("_save", "Save")]
        status, _ = self.request(path, fields)  # pairs: a name may repeat
        return status


class Run:
    def __init__(self, base, claims, seconds, kill_at):
        self.base, self.claims, self.seconds, self.kill_at = base, claims, seconds, kill_at
        self.statuses: Counter = Counter()
        self.acknowledged: list[tuple[int, str]] = []
        self.lock = threading.Lock()

    def client_loop(self, index, slugs):
        rng = random.Random(index)
        client = Client(self.base)
        client.sign_in(f"fault-editor-{index}")
        end = time.monotonic() + self.seconds
        n = 0
        while time.monotonic() < end:
            try:
                if rng.random() < 0.1:
                    n += 1
                    role = f"role {index}-{n}"
                    status = client.save_role(self.claims[index], role)
                    if status == 302:
                        with self.lock:
                            self.acknowledged.append((self.claims[index], role))
                    kind = "save"
                else:
                    path = rng.choice(["/claims/", f"/claims/{rng.choice(slugs)}/"])
                    status, _ = client.request(path)
                    kind = "read"
            except (OSError, urllib.error.URLError):
                status, kind = "connection error", "any"
            with self.lock:
                self.statuses[(kind, status)] += 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare():
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from claims.models import Claim

    call_command("migrate", verbosity=0)
    call_command("load_seeds", verbosity=0)
    editors = Group.objects.get(name="editors")
    claims = []
    template = Claim.objects.published().first()
    for index in range(THREADS):
        user, _ = User.objects.get_or_create(username=f"fault-editor-{index}")
        user.is_staff = True
        user.set_password(PASSWORD)
        user.save()
        user.groups.add(editors)
        claim, _ = Claim.objects.get_or_create(
            slug=f"fault-test-draft-{index}",
            defaults={
                "text": f"A draft claim edited by the fault test ({index}).",
                "claimant": template.claimant,
                "made_on": template.made_on,
                "kind": template.kind,
            },
        )
        claims.append(claim.pk)
    slugs = list(Claim.objects.published().values_list("slug", flat=True))
    return claims, slugs


def serve(port):
    env = {**os.environ, "DJANGO_DEBUG": "1", "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost"}
    # The shipped config (threaded workers, preloaded app), as README runs it in production.
    command = [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"]
    command += ["-w", str(WORKERS), "-b", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"]
    command += ["--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


def kill_one_worker(master: int) -> int:
    children = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True)
    victim = int(children.stdout.split()[0])
    os.kill(victim, signal.SIGKILL)
    return victim


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    ensure_database()
    os.environ["DJANGO_DEBUG"] = "1"
    setup()
    from claims.models import Claim

    claims, slugs = prepare()
    port = free_port()
    server = serve(port)
    run = Run(f"http://127.0.0.1:{port}", claims, args.seconds, args.seconds / 2)
    threads = [
        threading.Thread(target=run.client_loop, args=(i, slugs), daemon=True)
        for i in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    time.sleep(args.seconds / 2)
    victim = kill_one_worker(server.pid)
    for thread in threads:
        thread.join()
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)

    history = Claim.history.model.objects
    lost = [
        (pk, role)
        for pk, role in run.acknowledged
        if not history.filter(id=pk, claimant_role=role).exists()
    ]
    served = sum(n for (_, status), n in run.statuses.items() if status in (200, 302))
    errors = {
        f"{kind} {status}": n
        for (kind, status), n in run.statuses.items()
        if status not in (200, 302)
    }
    killed = f"worker {victim} killed with SIGKILL at {args.seconds / 2:.0f} s"
    print(f"| gunicorn workers | {WORKERS} ({killed}) |")
    print(f"| duration, client threads | {args.seconds} s, {THREADS} |")
    print(f"| requests served (200/302) | {served} ({served / args.seconds:.0f}/s) |")
    print(f"| errors | {errors or 'none'} |")
    print(f"| saves acknowledged | {len(run.acknowledged)} |")
    print(f"| acknowledged saves missing afterwards | {len(lost)} |")
    sys.exit(1 if lost else 0)


if __name__ == "__main__":
    main()
