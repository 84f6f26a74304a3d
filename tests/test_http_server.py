"""The site as README serves it: gunicorn with config/gunicorn.conf.py and the task worker
beside it, over real HTTP, on a database of its own filled with synthetic claims (bench.fill)
on the same server the tests use.

A full export arrives whole, live and then from its file: every published claim, a complete
last line; and a download cut off by a dying worker is one the client can tell is cut off (the
chunked transfer never ends), never a short file that looks complete."""

import csv
import http.client
import io
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.http_server
ROOT = Path(__file__).resolve().parent.parent
CLAIMS = 10_000  # an export (~6 MB) larger than what the sockets between them buffer


def _database_url(tmp_path_factory) -> str:
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/claimtrack_http_test"
    return f"sqlite:///{tmp_path_factory.mktemp('http')}/claims.sqlite3"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """gunicorn on a database of CLAIMS synthetic claims; yields (port, published, process)."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CLAIMTRACK_"))},
        "DATABASE_URL": _database_url(tmp_path_factory),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "http-test-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "WEB_CONCURRENCY": "1",  # one worker: the one the truncation test stops
        "CLAIMTRACK_EXPORT_DIR": str(tmp_path_factory.mktemp("exports")),
        "CLAIMTRACK_EXPORT_REFRESH_SECONDS": "1",
        "CLAIMTRACK_TASKS": "database",  # the export file is built by the task worker
    }
    run = {"cwd": ROOT, "env": env, "check": True, "timeout": 600}
    subprocess.run([sys.executable, "-m", "bench.fill", "--size", str(CLAIMS)], **run)
    count = "from claims.models import Claim; print(Claim.objects.published().count())"
    published = int(
        subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", count],
            capture_output=True,
            **run,
        ).stdout
    )
    port = _free_port()
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi",
         "--bind", f"127.0.0.1:{port}", "--access-logfile", "/dev/null"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        _wait(port)
        yield port, published, server
    finally:
        server.send_signal(signal.SIGTERM)
        worker.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        worker.wait(timeout=60)


def _wait(port: int):
    for _ in range(200):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("gunicorn did not start")


def _export(port: int, query="") -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("GET", "/claims/export.csv" + query)
    response = conn.getresponse()
    assert response.status == 200
    return response


def _assert_whole(response, published: int):
    body = response.read().decode("utf-8-sig")
    assert body.endswith("\n")  # the last line is complete
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "id"
    assert len(rows) - 1 == published
    assert all(len(row) == len(rows[0]) for row in rows)


def test_a_full_export_arrives_whole(site):
    port, published, _server = site
    _assert_whole(_export(port), published)


def test_the_full_export_is_then_served_from_its_file(site):
    """The first download started a build in the background; later ones get the file,
    whole, with its length (a cut-off download is one shorter than it says)."""
    port, published, _server = site
    for _ in range(300):
        response = _export(port)
        if response.getheader("X-Export-Generation"):
            break
        response.read()
        time.sleep(0.2)
    else:
        raise AssertionError("the export file was never built")
    assert int(response.getheader("Content-Length")) > published * 100
    _assert_whole(response, published)


def _workers(master: int) -> list[int]:
    """The gunicorn master's child processes, from /proc."""
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                children.append(int(entry.name))
    return children


def test_a_cut_off_export_is_detectably_incomplete(site):
    port, _published, server = site
    response = _export(port, "?sort=newest")  # a filtered export is streamed live
    # Streamed with chunked transfer encoding (no length known in advance): its end is the
    # final zero-length chunk, which a dying worker never sends.
    assert response.getheader("Transfer-Encoding") == "chunked"
    assert response.getheader("Content-Length") is None
    start = response.read(64 * 1024)
    assert start
    for worker in _workers(server.pid):
        os.kill(worker, signal.SIGKILL)
    with pytest.raises(http.client.IncompleteRead):
        response.read()
    _wait(port)  # gunicorn replaces the worker
