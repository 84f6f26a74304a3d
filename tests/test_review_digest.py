"""`manage.py send_review_digest`: each editor gets the claims that are overdue or fall due
within a week, grouped and linked, once a day however often it runs (locmem email)."""

import datetime
import io
import smtplib

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from claims.models import ClaimStatus, DigestSent
from tests.factories import make_chief_editor, make_claim, make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://claims.example.org"


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def desk():
    """Edna (an editor) and Charles (a chief editor), and Edna's claims: one overdue, one due
    in three days, one due in a month, and one overdue but already judged."""
    edna = make_editor()
    edna.email = "edna@example.org"
    edna.save()
    charles = make_chief_editor()
    charles.email = "charles@example.org"
    charles.save()
    mine = {
        "overdue": make_claim("Talks resume by spring.", check_by=_days(-10), created_by=edna),
        "soon": make_claim(
            "A summit within days.", check_by=_days(3), created_by=edna, status=ClaimStatus.DRAFT
        ),
        "later": make_claim("Sanctions lifted next month.", check_by=_days(30), created_by=edna),
    }
    make_claim("Someone else's overdue claim.", check_by=_days(-2))
    return edna, charles, mine


def _digest(to):
    [message] = [m for m in mail.outbox if m.to == [to]]
    return message


def test_each_editor_gets_their_claims_grouped_and_linked(desk):
    edna, charles, mine = desk
    call_command("send_review_digest", stdout=io.StringIO())
    body = _digest("edna@example.org").body
    overdue, soon = body.index("Overdue (1)"), body.index("Due in the next 7 days (1)")
    assert overdue < body.index("Talks resume by spring.") < soon
    assert soon < body.index("A summit within days.")
    assert "10 days overdue" in body and "in 3 days" in body
    assert f"https://claims.example.org/admin/claims/claim/{mine['overdue'].pk}/change/" in body
    assert "Sanctions lifted next month." not in body
    assert "Someone else's overdue claim." not in body
    chief = _digest("charles@example.org").body  # a chief editor: every claim on the desk
    assert "Overdue (2)" in chief and "Someone else's overdue claim." in chief
    assert _digest("edna@example.org").subject.endswith(f"2 claim(s) to judge ({_days(0)})")


def test_running_twice_a_day_sends_once(desk):
    call_command("send_review_digest", stdout=io.StringIO())
    out = io.StringIO()
    call_command("send_review_digest", stdout=out)
    assert len(mail.outbox) == 2  # Edna and Charles, once each
    assert "Digests sent: 0" in out.getvalue()
    assert DigestSent.objects.filter(sent_on=_days(0)).count() == 2


def test_a_failed_send_is_reported_and_tried_again(desk, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPException("mail server says no")

    monkeypatch.setattr("claims.editors.reminders.send_mail", refuse)
    with pytest.raises(CommandError, match="mail server says no"):
        call_command("send_review_digest", stdout=io.StringIO())
    assert not DigestSent.objects.exists()  # nothing recorded: the next run tries again
    monkeypatch.undo()
    call_command("send_review_digest", stdout=io.StringIO())
    assert len(mail.outbox) == 2


# The worker opens its own connections: outside a test's transaction, as in production.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_queued_the_digest_is_sent_by_the_task_worker(desk, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    out = io.StringIO()
    call_command("send_review_digest", "--queue", stdout=out)
    assert "queued" in out.getvalue() and mail.outbox == []
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    assert {m.to[0] for m in mail.outbox} == {"edna@example.org", "charles@example.org"}
