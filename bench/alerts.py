"""One event delivered to 10,000 followers: the database task backend on PostgreSQL, its
worker (`manage.py db_worker --batch`, a process of its own, as in production) and a real
SMTP server on this machine (aiosmtpd) that counts what arrives. Prints the worker's time from
start to the last mail, the mails received, and the queries one dispatch makes (counted in
this process on a second, identical run).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/claimtrack_alerts python -m bench.alerts
"""

import argparse
import datetime
import logging
import os
import subprocess
import sys
import time

from bench.open_data import _free_port
from bench.setup_django import ROOT, ensure_database, setup


class Counter:
    def __init__(self):
        self.received = 0

    async def handle_DATA(self, server, session, envelope):
        self.received += 1
        return "250 OK"


def _followers(claim, count: int):
    from django.utils import timezone

    from claims.models import Follow, Follower, FollowKind

    before = timezone.now() - datetime.timedelta(hours=3)
    Follower.objects.all().delete()
    followers = Follower.objects.bulk_create(
        [Follower(email=f"reader{n}@example.org", confirmed_at=before) for n in range(count)],
        batch_size=2000,
    )
    Follow.objects.bulk_create(
        [Follow(follower=f, kind=FollowKind.CLAIM, claim=claim, confirmed_at=before)
         for f in followers],
        batch_size=2000,
    )  # fmt: skip


def _claim():
    """A published claim with one new verdict, recorded as its event two hours ago."""
    from django.utils import timezone

    from claims.models import AlertEvent, Claim, Notice
    from claims.workflow.publishing import publish
    from tests.factories import make_outcome, make_sourced_claim

    Notice.objects.all().delete()
    AlertEvent.objects.all().delete()
    claim = Claim.objects.filter(slug="bench-alerts-claim").first()
    if claim is None:
        claim = make_sourced_claim("Bench: talks will resume.", slug="bench-alerts-claim",
                                   status="draft")  # fmt: skip
        publish(claim, None, as_loader=True)
    make_outcome(claim)
    AlertEvent.objects.update(happened_at=timezone.now() - datetime.timedelta(hours=2),
                              webhooks_done=True)  # fmt: skip
    return claim


def _worker_run(port: int) -> float:
    from claims.alerts.dispatch import dispatch_alerts

    dispatch_alerts.enqueue()
    env = {**os.environ, "DJANGO_EMAIL_HOST": "127.0.0.1", "DJANGO_EMAIL_PORT": str(port),
           "DJANGO_EMAIL_TLS": "0", "CLAIMTRACK_TASKS": "database",
           "CLAIMTRACK_LOG_LEVEL": "WARNING"}  # fmt: skip
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    return time.perf_counter() - started


def _queries_in_process(claim, port: int) -> int:
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from claims.alerts.dispatch import dispatch
    from claims.models import Follower

    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    _claim()
    Follower.objects.update(alerted_at=None)
    with CaptureQueriesContext(connection) as queries:
        dispatch()
    return len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=10_000)
    args = parser.parse_args()
    os.environ["CLAIMTRACK_TASKS"] = "database"
    ensure_database()
    setup()
    from aiosmtpd.controller import Controller
    from django.core.management import call_command

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command

    call_command("migrate", verbosity=0)
    counter = Counter()
    port = _free_port()
    smtp = Controller(counter, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        claim = _claim()
        _followers(claim, args.followers)
        seconds = _worker_run(port)
        mailed = counter.received
        queries = _queries_in_process(claim, port)
    finally:
        smtp.stop()
    print(f"followers: {args.followers}; mails received: {mailed}; "
          f"db_worker start to last mail: {seconds:.1f} s (target < 60 s); "
          f"queries for one dispatch: {queries}")  # fmt: skip
    if mailed != args.followers:
        sys.exit(f"{args.followers - mailed} followers got no mail")


if __name__ == "__main__":
    main()
