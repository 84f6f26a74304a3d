"""Background work as tasks (Django's tasks API, the django-tasks backport): queued in the
database and run by `manage.py db_worker`, or on Redis with RQ; a queue that is down is
logged and never breaks the page that queued."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from claims.models import DispatchDue, Follower
from tests.alerts import committed, follow
from tests.factories import make_outcome, make_sourced_claim

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def test_the_confirmation_mail_waits_for_the_worker(client, settings):
    settings.TASKS = DATABASE
    claim = make_sourced_claim("Talks will resume in a couple of weeks.")
    follow(client, "reader@example.org", claim=claim.slug)
    assert mail.outbox == []  # queued, not sent by the web process
    assert DBTaskResult.objects.filter(task_path__endswith="send_confirmation").count() == 1
    run_worker()
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]
    assert DBTaskResult.objects.get(task_path__endswith="send_confirmation").status == "SUCCESSFUL"


def test_a_change_queues_one_dispatch_per_minute_for_when_its_holds_end(settings):
    settings.TASKS = DATABASE
    claim = make_sourced_claim("Talks will resume in a couple of weeks.")
    with committed():
        for _ in range(5):  # five changes at once: still one dispatch per hold
            make_outcome(claim)
    queued = DBTaskResult.objects.filter(task_path__endswith="dispatch_alerts")
    after = sorted(
        round((r.run_after - r.enqueued_at).total_seconds() / 60) for r in queued
    )  # the webhooks' five minutes and the mails' hour, rounded up to the minute
    assert len(after) == 2 and 5 <= after[0] <= 6 and 60 <= after[1] <= 61
    assert DispatchDue.objects.count() == 2
    run_worker()  # not due yet: the worker leaves them
    assert queued.filter(status="READY").count() == 2


def test_the_export_file_is_built_by_the_worker(client, settings, tmp_path):
    settings.TASKS = DATABASE
    settings.EXPORT_REFRESH_SECONDS, settings.EXPORT_DIR = 60, tmp_path
    make_sourced_claim("Talks will resume in a couple of weeks.")
    first = client.get(reverse("claims:export"))
    assert first.get("X-Export-Generation") is None  # live, and a build is queued
    assert list(tmp_path.glob("*.csv")) == []
    run_worker()
    assert len(list(tmp_path.glob("*.csv"))) == 1
    second = client.get(reverse("claims:export"))
    assert second.get("X-Export-Generation") is not None
    assert b"".join(second.streaming_content) == b"".join(first.streaming_content)


def test_a_queue_that_is_down_never_breaks_the_page(client, settings, caplog):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "django_rq"]
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:9/0", "SOCKET_TIMEOUT": 0.5}}
    claim = make_sourced_claim("Talks will resume in a couple of weeks.")
    response = follow(client, "reader@example.org", claim=claim.slug)
    assert response.status_code == 200
    assert Follower.objects.filter(email="reader@example.org").exists()
    assert "task not queued" in caplog.text
    assert mail.outbox == []


def test_send_alerts_catches_up_from_cron(settings):
    claim = make_sourced_claim("Talks will resume in a couple of weeks.")
    make_outcome(claim)
    out = []

    class Out:
        def write(self, text):
            out.append(text)

    call_command("send_alerts", stdout=Out())
    assert "next due: 20" in "".join(out)


def test_on_redis_the_rq_worker_sends_it(client, settings):
    import django_rq

    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "django_rq"]
    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/13"}}
    django_rq.get_queue("default").empty()
    claim = make_sourced_claim("Talks will resume in a couple of weeks.")
    follow(client, "reader@example.org", claim=claim.slug)
    assert mail.outbox == []  # on Redis, waiting for RQ's worker
    # In this process (SimpleWorker does not fork): the test's database is this process's.
    call_command(
        "rqworker", "default", burst=True, worker_class="rq.worker.SimpleWorker",
        job_class="django_tasks_rq.Job",
    )  # fmt: skip
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]
