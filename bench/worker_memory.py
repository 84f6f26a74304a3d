"""Worker memory after the admin's heaviest page: a 10,000-row import previewed (the rows
parsed, matched and checked, a page of them shown) through gunicorn as shipped (2 workers),
signed in over HTTP as an editor would be. Prints each worker's resident memory (VmRSS)
before, after each round of previews, and its high-water mark.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_memory python -m bench.worker_memory
"""

import argparse
import http.client
import os
import re
import time
from pathlib import Path

from bench.http_load import _server
from bench.open_data import _free_port, _wait
from bench.setup_django import ensure_database, setup

PASSWORD = "bench only, never a real one"  # noqa: S105


def _workers(master: int) -> dict[int, dict[str, float]]:
    """Each worker's VmRSS and VmHWM in MB."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) != master:
                continue
            status = dict(
                line.split(":", 1) for line in (entry / "status").read_text().splitlines()
            )
        except OSError:
            continue
        found[int(entry.name)] = {k: int(status[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM")}
    return found


def _signed_in(port: int) -> str:
    """A session cookie for the bench's superuser, signed in through the admin's form."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", "/admin/login/")
    response = conn.getresponse()
    page = response.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = f"csrfmiddlewaretoken={token}&username=bench-editor&password={PASSWORD}&next=/admin/"
    conn.request("POST", "/admin/login/", body=body.replace(" ", "+").replace(",", "%2C"), headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf_cookie}",
        "Referer": f"http://127.0.0.1:{port}/admin/login/"})  # fmt: skip
    response = conn.getresponse()
    response.read()
    assert response.status == 302, response.status
    session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie")).group(1)
    return f"sessionid={session}; csrftoken={csrf_cookie}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    ensure_database()
    setup(static=True)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from bench.import_data import generate
    from claims.intake import importing

    call_command("migrate", verbosity=0)
    user = get_user_model().objects.filter(username="bench-editor").first()
    if user is None:
        user = get_user_model().objects.create_superuser("bench-editor", None, PASSWORD)
    claims, articles = generate(args.rows)
    record = importing.start("bench.csv", claims, user=user, articles=("articles.csv", articles))
    port = _free_port()
    server = _server(port, 0, True)
    try:
        _wait(f"http://127.0.0.1:{port}")
        cookie = _signed_in(port)
        print(f"workers at start (MB): {_rss(server.pid)}")
        for n in range(args.rounds):
            for _ in range(2):  # two at once: each worker renders one
                started = time.perf_counter()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
                conn.request("GET", f"/admin/claims/claim/import/{record.pk}/",
                             headers={"Cookie": cookie})  # fmt: skip
                response = conn.getresponse()
                response.read()
                assert response.status == 200, response.status
                seconds = time.perf_counter() - started
            print(f"after round {n + 1} ({seconds:.1f} s a preview): {_rss(server.pid)}")
        high = max(w["VmHWM"] for w in _workers(server.pid).values())
        print(f"high-water mark (MB): {high:.0f}; target: no worker above 200 MB after any page")
    finally:
        server.terminate()
        server.wait()


def _rss(master: int) -> str:
    return ", ".join(f"{w['VmRSS']:.0f}" for w in _workers(master).values())


if __name__ == "__main__":
    os.environ.setdefault("CLAIMTRACK_TASKS", "immediate")
    main()
